using Dapper;
using Npgsql;

namespace Verification.Access.Staff;

/// <summary>
/// Whether a signed-in staff member's cookie is still good (the cookie scheme asks on every request): the account is
/// enabled, has the cookie's role, and still has the session stamp the cookie was issued with.
/// </summary>
internal sealed class StaffAccounts(NpgsqlDataSource dataSource)
{
    public async Task<bool> IsActiveAsync(Guid staffId, string role, Guid sessionStamp, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM access.staff_accounts WHERE id = @staffId AND role = @role AND disabled_at IS NULL AND session_stamp = @sessionStamp)",
            new { staffId, role, sessionStamp },
            cancellationToken: cancellationToken));
    }

    /// <summary>Ends every cookie of the account, in every browser: the server-side half of signing out.</summary>
    public async Task EndSessionsAsync(Guid staffId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE access.staff_accounts SET session_stamp = gen_random_uuid() WHERE id = @staffId", new { staffId }, cancellationToken: cancellationToken));
    }
}
