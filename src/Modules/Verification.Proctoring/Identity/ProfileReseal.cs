using Dapper;
using Npgsql;

namespace Verification.Proctoring.Identity;

/// <summary>
/// Seals what profiles enrolled before sealing still hold in plain text (the typing phrase, which holds the learner's
/// full name, and the ID-photo score) under the learner's identity key. Batches lock their own rows and skip rows an
/// enrollment holds; a learner whose erasure is pending is left to the erasure, so no key is made for them again.
/// </summary>
internal sealed class ProfileReseal(NpgsqlDataSource dataSource, BiometricCipher cipher)
{
    private const int BatchSize = 100;

    private const string BatchSql = """
        SELECT learner_id AS LearnerId, typing_phrase AS Phrase, id_photo_score AS Score
        FROM proctoring.identity_profiles p
        WHERE (typing_phrase IS NOT NULL OR id_photo_score IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM proctoring.erasures e WHERE e.learner_id = p.learner_id AND e.completed_at IS NULL)
        LIMIT @batch FOR UPDATE SKIP LOCKED
        """;

    private const string UpdateSql = """
        UPDATE proctoring.identity_profiles SET
            typing_phrase = NULL,
            typing_phrase_sealed = COALESCE(@phrase, typing_phrase_sealed),
            typing_phrase_key_id = COALESCE(@phraseKeyId, typing_phrase_key_id),
            id_photo_score = NULL,
            id_photo_score_sealed = COALESCE(@score, id_photo_score_sealed),
            id_photo_score_key_id = COALESCE(@scoreKeyId, id_photo_score_key_id)
        WHERE learner_id = @learnerId
        """;

    /// <summary>Seals every plain profile field it can lock; answers how many profiles it changed.</summary>
    public async Task<int> ResealAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int batch;
        while ((batch = await ResealBatchAsync(cancellationToken)) > 0)
        {
            total += batch;
        }

        return total;
    }

    private async Task<int> ResealBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(BatchSql, new { batch = BatchSize }, transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var row in rows)
        {
            var phrase = row.Phrase is null ? null : await cipher.SealPhraseAsync(row.LearnerId, row.Phrase, cancellationToken);
            var score = row.Score is not { } plainScore ? null : await cipher.SealIdPhotoScoreAsync(row.LearnerId, plainScore, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                UpdateSql,
                new { learnerId = row.LearnerId, phrase = phrase?.Payload, phraseKeyId = phrase?.KeyId, score = score?.Payload, scoreKeyId = score?.KeyId },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private sealed class Row
    {
        public Guid LearnerId { get; init; }

        public string? Phrase { get; init; }

        public float? Score { get; init; }
    }
}
