using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Api;
using Verification.Enrollment.Mail;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Programs.JoinProgram;

/// <summary>
/// The invitee follows the join link: the token (a capability, kept only hashed) makes them a MEMBER, a learner record
/// of their own, and enrolls them in the program's curriculum. Following the link again changes nothing. A member
/// removed and invited again takes back the enrollments their removal ended: there is one per learner and course.
/// </summary>
internal static class JoinProgramEndpoint
{
    public sealed record JoinRequest(string? Token);

    public sealed record Joined(Guid MemberId, Guid LearnerId, string ProgramName, string ProgramSlug);

    private const string Member = """
        SELECT m.id AS MemberId, m.program_id AS ProgramId, m.full_name AS FullName, m.email AS Email, m.state AS State, m.learner_id AS LearnerId,
               p.name AS ProgramName, p.slug AS ProgramSlug
        FROM enrollment.program_members m JOIN enrollment.programs p ON p.id = m.program_id
        WHERE m.join_token_hash = @hash FOR UPDATE OF m
        """;

    private const string Learner = """
        WITH added AS (
            INSERT INTO enrollment.learners (id, full_name, email, created_at) VALUES (@id, @FullName, @Email, @now) ON CONFLICT DO NOTHING RETURNING id
        )
        SELECT id FROM added
        UNION ALL SELECT id FROM enrollment.learners WHERE partner_id IS NULL AND lower(email) = lower(@Email)
        LIMIT 1
        """;

    private const string Curriculum = "SELECT course_id AS CourseId, specialization_id AS SpecializationId FROM enrollment.program_curriculum WHERE program_id = @ProgramId ORDER BY position";

    private const string Enroll = """
        INSERT INTO enrollment.enrollments (id, learner_id, course_id, specialization_id, certificate_track_id, track, source, program_id, enrolled_at)
        VALUES (@id, @learnerId, @courseId, @specializationId, @trackId, CASE WHEN @trackId::uuid IS NULL THEN 'audit' ELSE 'verified' END, 'program', @ProgramId, @now)
        ON CONFLICT (learner_id, course_id) DO UPDATE SET removed_at = NULL
            WHERE enrollments.program_id = excluded.program_id AND enrollments.removed_at IS NOT NULL
        """;

    private const string Accept = "UPDATE enrollment.program_members SET state = 'MEMBER', joined_at = @now, learner_id = @learnerId WHERE id = @MemberId";

    public static void MapJoinProgram(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/programs/join", JoinAsync).WithTags("Programs").AllowAnonymous().WithName("JoinProgram").Refuses(StatusCodes.Status404NotFound, "invitation_not_valid")
            .WithSummary("Accept an invitation with the token of its join link.");

    private static async Task<Results<Ok<Joined>, ProblemHttpResult>> JoinAsync(
        JoinRequest request, NpgsqlDataSource dataSource, IMediator mediator, ProgramSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Token is not { Length: > 0 and <= 100 } token)
        {
            return NotValid();
        }

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var member = await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(Member, new { hash = JoinTokens.Hash(token) }, transaction, cancellationToken: cancellationToken));
        if (member is null || member.State == MemberState.Deleted)
        {
            return NotValid();
        }

        if (member.State == MemberState.Member)
        {
            return TypedResults.Ok(new Joined(member.MemberId, member.LearnerId!.Value, member.ProgramName, member.ProgramSlug));
        }

        var learnerId = await connection.QuerySingleAsync<Guid>(new CommandDefinition(Learner, new { id = Guid.CreateVersion7(), member.FullName, member.Email, now }, transaction, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<(Guid? CourseId, Guid? SpecializationId)>(new CommandDefinition(Curriculum, member, transaction, cancellationToken: cancellationToken));
        foreach (var (courseId, specializationId) in items)
        {
            var courses = courseId is { } id ? [id] : (await mediator.Send(new GetSpecialization(specializationId!.Value), cancellationToken))?.CourseIds ?? [];
            var trackId = (await mediator.Send(new GetCertificateTrackOf(courseId ?? specializationId!.Value), cancellationToken))?.TrackId;
            foreach (var course in courses)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    Enroll, new { id = Guid.CreateVersion7(), learnerId, courseId = course, specializationId, trackId, member.ProgramId, now }, transaction, cancellationToken: cancellationToken));
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(Accept, new { member.MemberId, learnerId, now }, transaction, cancellationToken: cancellationToken));
        await MailOutbox.EnqueueAsync(connection, transaction, ProgramMails.Welcome(member.Email, member.FullName, member.ProgramName, settings.ProgramUrl(member.ProgramSlug)), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new Joined(member.MemberId, learnerId, member.ProgramName, member.ProgramSlug));
    }

    private static ProblemHttpResult NotValid() => EnrollmentProblems.Create(
        StatusCodes.Status404NotFound, "invitation_not_valid", "The invitation is not valid.", "The link is wrong or the invitation was withdrawn; ask your program administrator for a new one.");

    private sealed class MemberRow
    {
        public Guid MemberId { get; init; }
        public Guid ProgramId { get; init; }
        public string FullName { get; init; } = "";
        public string Email { get; init; } = "";
        public string State { get; init; } = "";
        public Guid? LearnerId { get; init; }
        public string ProgramName { get; init; } = "";
        public string ProgramSlug { get; init; } = "";
    }
}
