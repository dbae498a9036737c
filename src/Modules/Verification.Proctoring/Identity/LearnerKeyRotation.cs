using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Proctoring.Identity;

/// <summary>
/// Re-wraps learner keys under the active master key after a rotation (a new <c>Encryption:ActiveKeyId</c>, the old key
/// still listed). Each batch locks only its own rows and skips rows another node holds; readers unwrap every row with
/// whichever listed key it names, so learner data stays readable before, during and after. Only the 60-odd bytes of
/// each wrapped key change; no biometric row is rewritten. When no row names the old key, it can leave configuration.
/// </summary>
internal sealed class LearnerKeyRotation(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, ILogger<LearnerKeyRotation> logger)
{
    private const int BatchSize = 200;

    private const string BatchSql = """
        SELECT learner_id AS LearnerId, scope AS Scope, wrapped_key AS WrappedKey, key_id AS KeyId
        FROM proctoring.learner_keys WHERE key_id <> @active
        LIMIT @batch FOR UPDATE SKIP LOCKED
        """;

    private const string UpdateSql = """
        UPDATE proctoring.learner_keys SET wrapped_key = @wrapped, key_id = @keyId
        WHERE learner_id = @learnerId AND scope = @scope AND key_id = @oldKeyId
        """;

    /// <summary>Re-wraps every learner key that names another master key; answers how many.</summary>
    public async Task<int> RewrapAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int batch;
        do
        {
            batch = await RewrapBatchAsync(cancellationToken);
            total += batch;
        }
        while (batch > 0);

        if (total > 0)
        {
            logger.LogInformation("Re-wrapped {Count} learner keys under master key {KeyId}", total, encryption.ActiveKeyId);
        }

        return total;
    }

    private async Task<int> RewrapBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            BatchSql, new { active = encryption.ActiveKeyId, batch = BatchSize }, transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var row in rows)
        {
            var binding = LearnerKeys.Binding(row.LearnerId, row.Scope);
            var key = encryption.Decrypt(new EncryptedBlob(row.KeyId, row.WrappedKey), binding);
            var wrapped = encryption.Encrypt(key, binding);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
            await connection.ExecuteAsync(new CommandDefinition(
                UpdateSql,
                new { wrapped = wrapped.Payload, keyId = wrapped.KeyId, learnerId = row.LearnerId, scope = row.Scope, oldKeyId = row.KeyId },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private sealed class Row
    {
        public Guid LearnerId { get; init; }

        public string Scope { get; init; } = "";

        public byte[] WrappedKey { get; init; } = [];

        public string KeyId { get; init; } = "";
    }
}
