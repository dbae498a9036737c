using Dapper;
using Mediator;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Programs.SeedDemoProgram;

public sealed class SeedDemoProgramHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.SeedDemoProgram, bool>
{
    private const string Program = """
        WITH o AS (
            INSERT INTO enrollment.organisations (id, name, slug, created_at) VALUES (@OrganisationId, @organisationName, @organisationSlug, @now) ON CONFLICT (id) DO NOTHING
        )
        INSERT INTO enrollment.programs (id, organisation_id, slug, name, created_at) VALUES (@ProgramId, @OrganisationId, @programSlug, @programName, @now)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string Rest = """
        INSERT INTO enrollment.program_curriculum (program_id, position, course_id, specialization_id, due_on)
        SELECT @ProgramId, o.position::integer, o.course_id, NULL, NULL FROM unnest(@courseIds) WITH ORDINALITY AS o(course_id, position);
        INSERT INTO enrollment.program_curriculum (program_id, position, course_id, specialization_id)
        SELECT @ProgramId, cardinality(@courseIds) + 1, NULL, @SpecializationId WHERE @SpecializationId::uuid IS NOT NULL;
        INSERT INTO enrollment.program_contracts (id, program_id, name, licence_count, starts_on, ends_on, created_at)
        VALUES (@ContractId, @ProgramId, 'Demo contract', 25, @starts::date, @ends::date, @now);
        """;

    private const string Member = """
        INSERT INTO enrollment.program_members (id, program_id, contract_id, full_name, email, state, join_token_hash, invited_at, joined_at, removed_at, learner_id)
        VALUES (@MemberId, @ProgramId, @ContractId, @FullName, @Email, @state, @hash, @now, @joinedAt, @removedAt, @learnerId)
        """;

    private const string Learner = "INSERT INTO enrollment.learners (id, full_name, email, created_at) VALUES (@learnerId, @FullName, @Email, @now)";

    private const string Enroll = """
        INSERT INTO enrollment.enrollments (id, learner_id, course_id, track, source, program_id, enrolled_at, last_activity_at, progress)
        SELECT gen_random_uuid(), @learnerId, c, 'audit', 'program', @ProgramId, @now, @now, 0.25 FROM unnest(@courseIds) AS c
        """;

    public async ValueTask<bool> Handle(Contracts.SeedDemoProgram command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Program, new
            {
                command.OrganisationId, organisationName = command.Organisation.Name, organisationSlug = command.Organisation.Slug,
                command.ProgramId, programName = command.Program.Name, programSlug = command.Program.Slug, now,
            }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        var courseIds = command.CourseIds.ToArray();
        await connection.ExecuteAsync(new CommandDefinition(Rest, new
        {
            command.ProgramId,
            command.ContractId,
            command.SpecializationId,
            courseIds,
            starts = today.AddMonths(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ends = today.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            now,
        }, transaction, cancellationToken: cancellationToken));
        foreach (var member in command.Members)
        {
            Guid? learnerId = member.State == DemoMemberState.Invited ? null : Guid.CreateVersion7();
            var (_, hash) = JoinTokens.Create();
            if (learnerId is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(Learner, new { learnerId, member.FullName, member.Email, now }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(Enroll, new { learnerId, courseIds, command.ProgramId, now }, transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(Member, new
            {
                member.MemberId,
                command.ProgramId,
                command.ContractId,
                member.FullName,
                member.Email,
                state = member.State switch { DemoMemberState.Member => MemberState.Member, DemoMemberState.Deleted => MemberState.Deleted, _ => MemberState.Invited },
                hash,
                now,
                joinedAt = learnerId is null ? (DateTimeOffset?)null : now,
                removedAt = member.State == DemoMemberState.Deleted ? now : (DateTimeOffset?)null,
                learnerId,
            }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
