using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Proctoring.Identity;

/// <summary>
/// The learners' own data keys, stored wrapped by the master key. Erasure deletes a learner's keys before their rows,
/// so a ciphertext that survives anywhere (WAL, backup, replica, a copy) cannot be decrypted even with the master key.
/// </summary>
internal sealed class LearnerKeys(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, TimeProvider time)
{
    public const string IdentityScope = "identity";

    private const int KeySize = 32;

    private const string FindSql = "SELECT wrapped_key AS WrappedKey, key_id AS KeyId FROM proctoring.learner_keys WHERE learner_id = @learnerId AND scope = @scope";

    private const string InsertSql = """
        INSERT INTO proctoring.learner_keys (learner_id, scope, wrapped_key, key_id, created_at)
        VALUES (@learnerId, @scope, @wrapped, @keyId, @now)
        ON CONFLICT (learner_id, scope) DO NOTHING
        """;

    public static string SessionScope(Guid sessionId) => $"session:{sessionId:N}";

    /// <summary>The learner's key for the scope, made on first use; two concurrent first uses agree on one key.</summary>
    public async Task<byte[]> GetOrCreateAsync(Guid learnerId, string scope, CancellationToken cancellationToken)
    {
        if (await FindAsync(learnerId, scope, cancellationToken) is { } existing)
        {
            return existing;
        }

        var key = RandomNumberGenerator.GetBytes(KeySize);
        var wrapped = encryption.Encrypt(key, Binding(learnerId, scope));
        CryptographicOperations.ZeroMemory(key);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                InsertSql, new { learnerId, scope, wrapped = wrapped.Payload, keyId = wrapped.KeyId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        }

        return await FindAsync(learnerId, scope, cancellationToken)
            ?? throw new InvalidOperationException("A learner key was erased while it was being made.");
    }

    /// <summary>The unwrapped key, or null once erased.</summary>
    public async Task<byte[]?> FindAsync(Guid learnerId, string scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WrappedRow>(new CommandDefinition(FindSql, new { learnerId, scope }, cancellationToken: cancellationToken));
        return row is null ? null : encryption.Decrypt(new EncryptedBlob(row.KeyId, row.WrappedKey), Binding(learnerId, scope));
    }

    /// <summary>The master key wraps the learner key bound to its owner and scope: a wrapped key moved to another learner does not unwrap.</summary>
    public static byte[] Binding(Guid learnerId, string scope) => Encoding.UTF8.GetBytes($"learner-key:{learnerId:N}:{scope}");

    private sealed class WrappedRow
    {
        public byte[] WrappedKey { get; init; } = [];

        public string KeyId { get; init; } = "";
    }
}
