using Dapper;
using Mediator;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Access.Staff.IssueStaffPassword;

/// <summary>
/// A new one-time password on request (the CLI), which also lifts a lockout and ends the account's signed-in cookies
/// (a reset is often for a password someone else learnt); it must be changed at the next sign-in.
/// </summary>
public sealed class IssueStaffPasswordHandler(NpgsqlDataSource dataSource, AuditLog audit, IServiceProvider services) : ICommandHandler<Contracts.IssueStaffPassword, string?>
{
    private const string Sql = """
        UPDATE access.staff_accounts SET password_hash = @hash, password_one_time = true, failed_sign_ins = 0, locked_until = NULL,
            session_stamp = gen_random_uuid()
        WHERE email = @email RETURNING id
        """;

    public async ValueTask<string?> Handle(Contracts.IssueStaffPassword command, CancellationToken cancellationToken)
    {
        var passwords = (StaffPasswords)services.GetService(typeof(StaffPasswords))!;
        var oneTime = StaffPasswords.NewOneTimePassword();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            Sql, new { email = command.Email.Trim().ToLowerInvariant(), hash = passwords.Hash(oneTime) }, transaction, cancellationToken: cancellationToken));
        if (id is null)
        {
            return null;
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(command.Actor, "staff.one_time_password_issued", $"staff:{id}", "{}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return oneTime;
    }
}
