using System.Text.Json;
using Dapper;
using Mediator;
using Npgsql;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;
using Verification.Enrollment.Contracts;

namespace Verification.Access.Staff.CreateStaffMember;

public sealed class CreateStaffMemberHandler(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, IServiceProvider services)
    : ICommandHandler<Contracts.CreateStaffMember, CreateStaffMemberResult>
{
    private static readonly string[] Roles = [StaffRoles.Reviewer, StaffRoles.SeniorReviewer, StaffRoles.Admin, StaffRoles.ProgramAdmin];

    private const string Sql = """
        INSERT INTO access.staff_accounts (id, email, display_name, role, password_hash, password_one_time, created_at, organisation_id)
        VALUES (@id, @email, @DisplayName, @Role, @hash, true, @now, @OrganisationId)
        ON CONFLICT DO NOTHING
        """;

    public async ValueTask<CreateStaffMemberResult> Handle(Contracts.CreateStaffMember command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Email) || command.Email.Length > 256 || !command.Email.Contains('@', StringComparison.Ordinal)
            || string.IsNullOrWhiteSpace(command.DisplayName) || command.DisplayName.Length > 200)
        {
            return new CreateStaffMemberResult(null, "fields_missing");
        }

        if (!Roles.Contains(command.Role))
        {
            return new CreateStaffMemberResult(null, "role_invalid");
        }

        // The organisation belongs to the enrollment module: asked through its contract, never read from its table.
        var bound = command.OrganisationId is { } organisation
            && await ((IMediator)services.GetService(typeof(IMediator))!).Send(new FindOrganisation(organisation.ToString()), cancellationToken) is not null;
        if ((command.Role == StaffRoles.ProgramAdmin) != bound || (command.Role != StaffRoles.ProgramAdmin && command.OrganisationId is not null))
        {
            return new CreateStaffMemberResult(null, "organisation_invalid");
        }

        var passwords = (StaffPasswords)services.GetService(typeof(StaffPasswords))!;
        var oneTime = StaffPasswords.NewOneTimePassword();
        var id = command.StaffId ?? Guid.CreateVersion7(time.GetUtcNow());
        var email = command.Email.Trim().ToLowerInvariant();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql, new { id, email, command.DisplayName, command.Role, hash = passwords.Hash(oneTime), now = time.GetUtcNow(), command.OrganisationId }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return new CreateStaffMemberResult(null, "email_taken");
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(command.Actor, "staff.created", $"staff:{id}", JsonSerializer.Serialize(new { role = command.Role, organisationId = command.OrganisationId })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreateStaffMemberResult(new StaffMemberCreated(id, email, command.Role, oneTime, command.OrganisationId), null);
    }
}
