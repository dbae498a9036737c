using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Verification.Lti.Login;

/// <summary>
/// The state and nonce of OIDC logins in flight. A state is used once, within <see cref="LtiSettings.StateLifetimeSeconds"/>;
/// only its SHA-256 is stored, so a database reader cannot complete someone's login.
/// </summary>
internal sealed class LoginStateStore(NpgsqlDataSource dataSource, LtiSettings settings, TimeProvider time)
{
    public sealed record Started(string State, string Nonce, DateTimeOffset ExpiresAt);

    public sealed record Consumed(Guid PlatformId, string Nonce);

    public async Task<Started> StartAsync(Guid platformId, CancellationToken cancellationToken)
    {
        var state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(settings.StateLifetimeSeconds);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lti.login_states (state_hash, nonce, platform_id, created_at, expires_at) VALUES (@hash, @nonce, @platformId, @now, @expires)
            """, new { hash = Hash(state), nonce, platformId, now, expires }, cancellationToken: cancellationToken));
        return new Started(state, nonce, expires);
    }

    /// <summary>Uses the state up: the state's platform and nonce, or the refusal code (unknown, used or expired).</summary>
    public async Task<(Consumed? Login, string? Error)> ConsumeAsync(string state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid PlatformId, string Nonce, DateTime ExpiresAt)?>(new CommandDefinition("""
            UPDATE lti.login_states SET used_at = @now WHERE state_hash = @hash AND used_at IS NULL RETURNING platform_id, nonce, expires_at
            """, new { hash = Hash(state), now }, cancellationToken: cancellationToken));
        if (row is not { } login)
        {
            var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM lti.login_states WHERE state_hash = @hash)", new { hash = Hash(state) }, cancellationToken: cancellationToken));
            return (null, known ? "lti_state_used" : "lti_state_unknown");
        }

        return login.ExpiresAt <= now.UtcDateTime ? (null, "lti_state_expired") : (new Consumed(login.PlatformId, login.Nonce), null);
    }

    /// <summary>Whether <paramref name="nonce"/> belongs to a login that was already completed: a replayed id_token.</summary>
    public async Task<bool> WasUsedAsync(string nonce, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM lti.login_states WHERE nonce = @nonce AND used_at IS NOT NULL)", new { nonce }, cancellationToken: cancellationToken));
    }

    /// <summary>The name of the cookie that binds a state to the browser that started the login; one per login, so two tabs do not collide.</summary>
    public static string CookieName(string state) => "lti-state-" + Convert.ToHexStringLower(Hash(state).AsSpan(0, 8));

    private static byte[] Hash(string state) => SHA256.HashData(Encoding.UTF8.GetBytes(state));
}
