using Dapper;
using Npgsql;

namespace Verification.Access.Staff;

/// <summary>Whether a signed-in staff member's account is still usable; the cookie scheme asks on every request.</summary>
internal sealed class StaffAccounts(NpgsqlDataSource dataSource)
{
    public async Task<bool> IsActiveAsync(Guid staffId, string role, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM access.staff_accounts WHERE id = @staffId AND role = @role AND disabled_at IS NULL)",
            new { staffId, role },
            cancellationToken: cancellationToken));
    }
}
