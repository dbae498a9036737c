using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Access.ApiKeys;

/// <summary>Finds the key a caller presents and records each use (last used, and an audit entry by key id).</summary>
internal sealed class ApiKeyStore(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    private const string FindSql = """
        SELECT id AS "Id", partner_id AS "PartnerId", key_hash AS "KeyHash", scopes AS "Scopes", revoked_at IS NOT NULL AS "Revoked"
        FROM access.api_keys WHERE prefix = @prefix
        """;

    private const string TouchSql = "UPDATE access.api_keys SET last_used_at = @now WHERE id = @id";

    /// <summary>The key, when <paramref name="presented"/> is a known key (revoked or not); null otherwise.</summary>
    public async Task<PresentedKey?> FindAsync(string? presented, CancellationToken cancellationToken)
    {
        var prefix = ApiKeyFormat.PrefixOf(presented);
        if (prefix is null)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(FindSql, new { prefix }, cancellationToken: cancellationToken));
        if (row is null || !CryptographicOperations.FixedTimeEquals(row.KeyHash, ApiKeyFormat.Hash(presented!)))
        {
            return null;
        }

        return new PresentedKey(row.Id, row.PartnerId, row.Scopes, row.Revoked);
    }

    public async Task RecordUseAsync(PresentedKey key, string method, string path, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(TouchSql, new { id = key.KeyId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        var data = JsonSerializer.Serialize(new { partnerId = key.PartnerId, method, path, revoked = key.Revoked });
        await audit.AppendAsync(connection, transaction, new AuditEntry($"api_key:{key.KeyId}", key.Revoked ? "api_key.refused_revoked" : "api_key.used", $"partner:{key.PartnerId}", data), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Settable: Dapper hands text[] over as System.Array, which no record constructor takes.
    private sealed class KeyRow
    {
        public Guid Id { get; set; }

        public Guid PartnerId { get; set; }

        public byte[] KeyHash { get; set; } = [];

        public string[] Scopes { get; set; } = [];

        public bool Revoked { get; set; }
    }
}

internal sealed record PresentedKey(Guid KeyId, Guid PartnerId, IReadOnlyList<string> Scopes, bool Revoked);
