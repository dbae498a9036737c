using System.Text;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Encryption;
using Verification.Matching.Keystroke.FreeText;
using Verification.Proctoring.Identity;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>
/// Keeps each batch of a session's answer typing as its timing statistics (counts, means and spreads of class holds and
/// class digraphs; no key order, no text), encrypted under the session's own learner key (as its evidence frames), so another node taking the session over
/// can rebuild it and a batch sent again counts once. Kept as long as the session's other biometric scores.
/// </summary>
internal sealed class AnswerTypingStore(NpgsqlDataSource dataSource, BiometricCipher cipher, TimeProvider time)
{
    public const string Table = "session_answer_typing";

    private const string InsertSql = """
        INSERT INTO proctoring.session_answer_typing (session_id, batch_number, received_at, key_presses, timings, key_id)
        VALUES (@sessionId, @batch, @now, @keyPresses, @timings, @keyId)
        ON CONFLICT DO NOTHING
        """;

    private const string LoadSql = """
        SELECT batch_number AS Batch, timings AS Timings, key_id AS KeyId
        FROM proctoring.session_answer_typing WHERE session_id = @sessionId ORDER BY batch_number
        """;

    /// <summary>Records one batch; a batch of that number already recorded is left as it is.</summary>
    public async Task RecordAsync(Guid sessionId, Guid learnerId, int batch, FreeTextProfile typing)
    {
        var sealedTimings = await cipher.EncryptAsync(learnerId, LearnerKeys.SessionScope(sessionId), FreeTextProfileBytes.ToBytes(typing), Binding(sessionId, batch), CancellationToken.None);
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertSql, new { sessionId, batch, now = time.GetUtcNow(), keyPresses = typing.Keystrokes, timings = sealedTimings.Payload, keyId = sealedTimings.KeyId }));
    }

    /// <summary>Every batch recorded for the session, decrypted, in batch order.</summary>
    public async Task<IReadOnlyList<(int Batch, FreeTextProfile Typing)>> LoadAsync(Guid sessionId, Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Batch, byte[] Timings, string KeyId)>(new CommandDefinition(LoadSql, new { sessionId }, cancellationToken: cancellationToken));
        var batches = new List<(int, FreeTextProfile)>();
        foreach (var row in rows)
        {
            var bytes = await cipher.DecryptAsync(learnerId, LearnerKeys.SessionScope(sessionId), new EncryptedBlob(row.KeyId, row.Timings), Binding(sessionId, row.Batch), cancellationToken);
            batches.Add((row.Batch, FreeTextProfileBytes.FromBytes(bytes)));
        }

        return batches;
    }

    public static byte[] Binding(Guid sessionId, int batch) => Encoding.UTF8.GetBytes($"answer-typing:{sessionId}:{batch}");
}
