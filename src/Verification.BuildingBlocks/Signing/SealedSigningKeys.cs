using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Encryption;

namespace Verification.BuildingBlocks.Signing;

/// <summary>
/// Signing keys in one table (<c>kid, public_jwk, private_key, private_key_key_id, created_at, retired_at</c>): the newest
/// unretired key signs; every key ever used stays published, so what was signed before a rotation still verifies after
/// it. Private keys are sealed under the envelope encryption (the master key), bound to their key id; the table's
/// <c>private_key</c> column is a sealed column a master-key rotation re-wraps. A module keeps its own table and kind,
/// so a party that trusts one module's keys does not thereby trust another's.
/// </summary>
public abstract class SealedSigningKeys<TKey>
    where TKey : AsymmetricAlgorithm
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly EnvelopeEncryption _encryption;
    private readonly TimeProvider _time;
    private readonly SigningKeyKind<TKey> _kind;
    private readonly string _table;
    private readonly string _active;
    private readonly string _lock;

    protected SealedSigningKeys(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, TimeProvider time, string table, SigningKeyKind<TKey> kind)
    {
        if (!SigningKeyTables.Name().IsMatch(table))
        {
            throw new ArgumentException($"'{table}' is not a plain schema.table name.", nameof(table));
        }

        (_dataSource, _encryption, _time, _kind, _table) = (dataSource, encryption, time, kind, table);
        _active = $"""
            SELECT kid AS "Kid", private_key AS "PrivateKey", private_key_key_id AS "PrivateKeyKeyId"
            FROM {table} WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1
            """;
        _lock = $"SELECT pg_advisory_xact_lock(hashtextextended('{table}', 0))";
    }

    /// <summary>The key that signs now, made on first use. The caller disposes its <see cref="SigningKey.Key"/>.</summary>
    public async Task<SigningKey> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(_active, cancellationToken: cancellationToken));
        if (row is null)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Two nodes starting together make one key, not two.
            await connection.ExecuteAsync(new CommandDefinition(_lock, transaction: transaction, cancellationToken: cancellationToken));
            row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(_active, transaction: transaction, cancellationToken: cancellationToken))
                ?? await CreateAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return Open(row);
    }

    /// <summary>Retires the signing key and makes a new one; the old stays published for verification.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_lock, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_table} SET retired_at = @now WHERE retired_at IS NULL", new { now = _time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        var created = await CreateAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created.Kid;
    }

    /// <summary>Every public key as JWK JSON, retired ones included, oldest first. Never empty: the first key is made here.</summary>
    public async Task<IReadOnlyList<string>> PublicKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var keys = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT public_jwk FROM {_table} ORDER BY created_at", cancellationToken: cancellationToken))).ToList();
        if (keys.Count > 0)
        {
            return keys;
        }

        using var made = (await ActiveAsync(cancellationToken)).Key;
        return await PublicKeysAsync(cancellationToken);
    }

    /// <summary>Every public key as a JWKS document, so a verifier can fetch and pin it before anything is signed.</summary>
    public async Task<string> JwksAsync(CancellationToken cancellationToken) =>
        "{\"keys\":[" + string.Join(',', await PublicKeysAsync(cancellationToken)) + "]}";

    private async Task<Row> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var key = _kind.Create();
        var kid = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        var jwk = JsonSerializer.Serialize(new Dictionary<string, string>(_kind.PublicJwk(key)) { ["kid"] = kid, ["use"] = "sig" });
        var sealedKey = _encryption.Encrypt(key.ExportPkcs8PrivateKey(), Encoding.UTF8.GetBytes(kid));
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO {_table} (kid, public_jwk, private_key, private_key_key_id, created_at)
            VALUES (@kid, @jwk, @payload, @keyId, @now)
            """, new { kid, jwk, payload = sealedKey.Payload, keyId = sealedKey.KeyId, now = _time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        return new Row(kid, sealedKey.Payload, sealedKey.KeyId);
    }

    private SigningKey Open(Row row)
    {
        var pkcs8 = _encryption.Decrypt(new EncryptedBlob(row.PrivateKeyKeyId, row.PrivateKey), Encoding.UTF8.GetBytes(row.Kid));
        try
        {
            var key = _kind.Empty();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return new SigningKey(row.Kid, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    public sealed record SigningKey(string KeyId, TKey Key);

    private sealed record Row(string Kid, byte[] PrivateKey, string PrivateKeyKeyId);
}

/// <summary>The one table name pattern the stores put into their SQL.</summary>
internal static partial class SigningKeyTables
{
    [GeneratedRegex("^[a-z_]+\\.[a-z_]+$")]
    public static partial Regex Name();
}
