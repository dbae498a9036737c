using Dapper;
using Mediator;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Access.Staff.DisableStaffMember;

public sealed class DisableStaffMemberHandler(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time) : ICommandHandler<Contracts.DisableStaffMember, bool>
{
    private const string Sql = "UPDATE access.staff_accounts SET disabled_at = COALESCE(disabled_at, @now) WHERE id = @StaffId";

    public async ValueTask<bool> Handle(Contracts.DisableStaffMember command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Sql, new { command.StaffId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(command.Actor, "staff.disabled", $"staff:{command.StaffId}", "{}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
