using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Certificates.Credentials;

/// <summary>
/// The service's ES256 signing keys: the newest unretired one signs; every key ever used stays in the JWKS, so a
/// credential signed before a rotation still verifies after it. Private keys are stored encrypted under the service's
/// envelope encryption, bound to their key id.
/// </summary>
internal sealed class SigningKeyStore(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, TimeProvider time)
{
    public sealed record SigningKey(string KeyId, ECDsa Key);

    private sealed record Row(string Kid, byte[] PrivateKey, string PrivateKeyKeyId);

    private const string Active = """
        SELECT kid AS "Kid", private_key AS "PrivateKey", private_key_key_id AS "PrivateKeyKeyId"
        FROM certificates.signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1
        """;

    /// <summary>The key that signs now, made on first use.</summary>
    public async Task<SigningKey> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Active, cancellationToken: cancellationToken));
        if (row is null)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Two nodes starting together make one key, not two.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended('certificates:signing_keys', 0))", transaction: transaction, cancellationToken: cancellationToken));
            row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Active, transaction: transaction, cancellationToken: cancellationToken))
                ?? await CreateAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return Open(row);
    }

    /// <summary>Retires the signing key and makes a new one; the old stays published for verification.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended('certificates:signing_keys', 0))", transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE certificates.signing_keys SET retired_at = @now WHERE retired_at IS NULL", new { now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        var created = await CreateAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created.Kid;
    }

    /// <summary>
    /// Every public key, retired ones included, as a JWKS document. Never empty: the first key is made here if no
    /// credential was signed yet, so a verifier can fetch and pin it before the first certificate.
    /// </summary>
    public async Task<string> JwksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var keys = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT public_jwk FROM certificates.signing_keys ORDER BY created_at", cancellationToken: cancellationToken))).ToList();
        if (keys.Count == 0)
        {
            using var made = (await ActiveAsync(cancellationToken)).Key;
            return await JwksAsync(cancellationToken);
        }

        return "{\"keys\":[" + string.Join(',', keys) + "]}";
    }

    private async Task<Row> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(false);
        var kid = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        var jwk = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
            ["kid"] = kid,
            ["alg"] = "ES256",
            ["use"] = "sig",
        });
        var sealedKey = encryption.Encrypt(key.ExportPkcs8PrivateKey(), Encoding.UTF8.GetBytes(kid));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates.signing_keys (kid, public_jwk, private_key, private_key_key_id, created_at)
            VALUES (@kid, @jwk, @payload, @keyId, @now)
            """, new { kid, jwk, payload = sealedKey.Payload, keyId = sealedKey.KeyId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        return new Row(kid, sealedKey.Payload, sealedKey.KeyId);
    }

    private SigningKey Open(Row row)
    {
        var pkcs8 = encryption.Decrypt(new EncryptedBlob(row.PrivateKeyKeyId, row.PrivateKey), Encoding.UTF8.GetBytes(row.Kid));
        try
        {
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return new SigningKey(row.Kid, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
