using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Lti.ToolKeys;

/// <summary>
/// The tool's RS256 keys, apart from the certificate keys: LTI 1.3 platforms (Moodle, Canvas) accept RSA only, and a
/// platform that trusts this tool should not thereby trust its certificates. The newest unretired key signs; every key
/// stays in the tool's JWKS. Private keys are stored encrypted under the envelope encryption, bound to their key id.
/// </summary>
internal sealed class ToolKeyStore(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, TimeProvider time)
{
    public sealed record ToolKey(string KeyId, RSA Key);

    private sealed record Row(string Kid, byte[] PrivateKey, string PrivateKeyKeyId);

    private const string Active = """
        SELECT kid AS "Kid", private_key AS "PrivateKey", private_key_key_id AS "PrivateKeyKeyId"
        FROM lti.tool_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1
        """;

    private const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended('lti:tool_keys', 0))";

    /// <summary>The key that signs now, made on first use. The caller disposes it.</summary>
    public async Task<ToolKey> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Active, cancellationToken: cancellationToken));
        if (row is null)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Two nodes starting together make one key, not two.
            await connection.ExecuteAsync(new CommandDefinition(Lock, transaction: transaction, cancellationToken: cancellationToken));
            row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Active, transaction: transaction, cancellationToken: cancellationToken))
                ?? await CreateAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return Open(row);
    }

    /// <summary>Every public key as JWK JSON, oldest first; the first key is made here if there is none.</summary>
    public async Task<IReadOnlyList<string>> PublicKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var keys = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT public_jwk FROM lti.tool_keys ORDER BY created_at", cancellationToken: cancellationToken))).ToList();
        if (keys.Count > 0)
        {
            return keys;
        }

        using var made = (await ActiveAsync(cancellationToken)).Key;
        return await PublicKeysAsync(cancellationToken);
    }

    public async Task<string> JwksAsync(CancellationToken cancellationToken) =>
        "{\"keys\":[" + string.Join(',', await PublicKeysAsync(cancellationToken)) + "]}";

    private async Task<Row> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var key = RSA.Create(2048);
        var parameters = key.ExportParameters(false);
        var kid = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        var jwk = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["kid"] = kid,
            ["alg"] = "RS256",
            ["use"] = "sig",
        });
        var sealedKey = encryption.Encrypt(key.ExportPkcs8PrivateKey(), Encoding.UTF8.GetBytes(kid));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lti.tool_keys (kid, public_jwk, private_key, private_key_key_id, created_at)
            VALUES (@kid, @jwk, @payload, @keyId, @now)
            """, new { kid, jwk, payload = sealedKey.Payload, keyId = sealedKey.KeyId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        return new Row(kid, sealedKey.Payload, sealedKey.KeyId);
    }

    private ToolKey Open(Row row)
    {
        var pkcs8 = encryption.Decrypt(new EncryptedBlob(row.PrivateKeyKeyId, row.PrivateKey), Encoding.UTF8.GetBytes(row.Kid));
        try
        {
            var key = RSA.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return new ToolKey(row.Kid, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
