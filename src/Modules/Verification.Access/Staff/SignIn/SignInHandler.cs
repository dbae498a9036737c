using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Access.Staff.SignIn;

internal enum SignInOutcome
{
    SignedIn,
    Failed,
    PasswordChangeRequired,
}

/// <summary>
/// Checks a staff password. Every path verifies one hash (the dummy one for an unknown email) and writes one audit
/// entry, so an unknown email, a disabled or locked account and a wrong password cost the same and answer the same.
/// </summary>
internal sealed class SignInHandler(NpgsqlDataSource dataSource, StaffPasswords passwords, StaffSettings settings, AuditLog audit, TimeProvider time)
{
    private const string FindSql = """
        SELECT id AS "Id", display_name AS "DisplayName", role AS "Role", password_hash AS "PasswordHash", password_one_time AS "PasswordOneTime",
               failed_sign_ins AS "FailedSignIns", locked_until AS "LockedUntil", disabled_at IS NOT NULL AS "Disabled",
               organisation_id AS "OrganisationId"
        FROM access.staff_accounts WHERE email = @email
        """;

    private const string FailedSql = """
        UPDATE access.staff_accounts
        SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @threshold THEN 0 ELSE failed_sign_ins + 1 END,
            locked_until = CASE WHEN failed_sign_ins + 1 >= @threshold THEN @lockedUntil ELSE locked_until END
        WHERE id = @id
        RETURNING COALESCE(locked_until = @lockedUntil, false)
        """;

    private const string SucceededSql = """
        UPDATE access.staff_accounts SET failed_sign_ins = 0, locked_until = NULL,
            password_hash = COALESCE(@newHash, password_hash), password_one_time = password_one_time AND @newHash::text IS NULL
        WHERE id = @id
        RETURNING session_stamp
        """;

    public async Task<(SignInOutcome Outcome, StaffAccount? Account)> HandleAsync(string email, string password, string? newPassword, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var account = await connection.QuerySingleOrDefaultAsync<StaffAccount>(new CommandDefinition(FindSql, new { email = email.ToLowerInvariant() }, transaction, cancellationToken: cancellationToken));
        var verified = passwords.Verify(account, password);
        var locked = account?.LockedUntil is { } until && new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) > now;
        if (account is null || account.Disabled || locked || verified == PasswordVerificationResult.Failed)
        {
            var lockedNow = false;
            if (account is not null && !account.Disabled && !locked)
            {
                lockedNow = await connection.QuerySingleAsync<bool>(new CommandDefinition(
                    FailedSql, new { id = account.Id, threshold = settings.LockoutThreshold, lockedUntil = now + settings.LockoutDuration }, transaction, cancellationToken: cancellationToken));
            }

            var reason = account is null ? "unknown_email" : account.Disabled ? "disabled" : locked ? "locked" : "wrong_password";
            await audit.AppendAsync(connection, transaction, new AuditEntry(
                "anonymous", "staff.sign_in_failed", account is null ? "staff:unknown" : $"staff:{account.Id}", JsonSerializer.Serialize(new { reason, lockedNow })), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (SignInOutcome.Failed, null);
        }

        string? newHash = null;
        if (account.PasswordOneTime)
        {
            if (newPassword is null || newPassword.Length < settings.MinimumPasswordLength || newPassword == password)
            {
                return (SignInOutcome.PasswordChangeRequired, null);
            }

            newHash = passwords.Hash(newPassword);
        }
        else if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // The hasher's settings changed since this hash was made: store it again under the current ones.
            newHash = passwords.Hash(password);
        }

        account.SessionStamp = await connection.QuerySingleAsync<Guid>(new CommandDefinition(SucceededSql, new { id = account.Id, newHash }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction, new AuditEntry($"staff:{account.Id}", "staff.signed_in", $"staff:{account.Id}", JsonSerializer.Serialize(new { passwordChanged = account.PasswordOneTime })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (SignInOutcome.SignedIn, account);
    }
}
