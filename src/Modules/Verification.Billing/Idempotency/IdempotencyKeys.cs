using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Verification.Billing.Idempotency;

/// <summary>
/// The first request under an Idempotency-Key claims the key inside its own transaction; repeats wait on that row
/// (its primary key) until the first commits, then get its stored answer. A request that rolls back (provider or database
/// outage) leaves no key, so its retry runs afresh.
/// </summary>
internal static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    private const string Claim = """
        INSERT INTO billing.idempotency_keys (scope, key, request_hash, status_code, response, created_at)
        VALUES (@scope, @key, @hash, 0, '', @now) ON CONFLICT DO NOTHING
        """;

    private const string Read = "SELECT request_hash AS Hash, status_code AS Status, response AS Body FROM billing.idempotency_keys WHERE scope = @scope AND key = @key";

    private const string Complete = "UPDATE billing.idempotency_keys SET status_code = @status, response = @body WHERE scope = @scope AND key = @key";

    public static bool IsValid(string? key) => key is { Length: >= 1 and <= 255 } && key.All(c => c is >= '!' and <= '~');

    public static byte[] Fingerprint(string operation, string canonicalRequest) => SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + canonicalRequest));

    /// <summary>Null when this request now owns the key; otherwise what the first request under the key stored.</summary>
    public static async Task<StoredAnswer?> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, string key, byte[] hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = await connection.ExecuteAsync(new CommandDefinition(Claim, new { scope, key, hash, now }, transaction, cancellationToken: cancellationToken));
        if (claimed == 1)
        {
            return null;
        }

        var row = await connection.QuerySingleAsync<(byte[] Hash, int Status, string Body)>(new CommandDefinition(Read, new { scope, key }, transaction, cancellationToken: cancellationToken));
        return new StoredAnswer(row.Hash.AsSpan().SequenceEqual(hash), row.Status, row.Body);
    }

    public static Task CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, string key, int status, string body, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Complete, new { scope, key, status, body }, transaction, cancellationToken: cancellationToken));
}

/// <summary>The first answer under a key; <paramref name="SameRequest"/> is false when the repeat's body differs.</summary>
internal sealed record StoredAnswer(bool SameRequest, int Status, string Body);
