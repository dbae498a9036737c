using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.Matching.Keystroke;
using Verification.Matching.Keystroke.FreeText;

namespace Verification.Proctoring.Identity;

/// <summary>The enrollment in progress: accepted frames' embeddings, the ID photo's embedding and the typing samples, decrypted.</summary>
internal sealed class EnrollmentDraft(NpgsqlDataSource dataSource, BiometricCipher cipher)
{
    public const string FramesTable = "enrollment_frames";
    public const string SamplesTable = "enrollment_typing_samples";
    public const string IdPhotosTable = "id_photos";

    private const string CountsSql = """
        SELECT (SELECT count(*) FROM proctoring.enrollment_frames WHERE learner_id = @learnerId)::int AS Frames,
               (SELECT count(*) FROM proctoring.enrollment_typing_samples WHERE learner_id = @learnerId AND phrase = @phrase)::int AS Samples,
               EXISTS (SELECT 1 FROM proctoring.id_photos WHERE learner_id = @learnerId AND delete_after IS NULL) AS IdPhoto
        """;

    private const string FrameCountSql = "SELECT count(*)::int FROM proctoring.enrollment_frames WHERE learner_id = @learnerId";

    private const string FramesSql = "SELECT id, key_id, embedding FROM proctoring.enrollment_frames WHERE learner_id = @learnerId ORDER BY captured_at, id";

    private const string IdPhotoSql = "SELECT embedding_key_id, embedding FROM proctoring.id_photos WHERE learner_id = @learnerId AND delete_after IS NULL";

    private const string SamplesSql = """
        SELECT id, key_id, key_events FROM proctoring.enrollment_typing_samples
        WHERE learner_id = @learnerId AND phrase = @phrase ORDER BY captured_at, id
        """;

    /// <summary>Typing samples count only for the learner's current phrase (matched by its tag): a renamed learner retypes.</summary>
    public async Task<(int Frames, int Samples, bool IdPhoto)> CountAsync(Guid learnerId, string phrase, CancellationToken cancellationToken)
    {
        var tag = await cipher.PhraseTagAsync(learnerId, phrase, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<(int, int, bool)>(new CommandDefinition(CountsSql, new { learnerId, phrase = tag }, cancellationToken: cancellationToken));
    }

    public async Task<int> FrameCountAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(FrameCountSql, new { learnerId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<float[]>> FrameEmbeddingsAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, string KeyId, byte[] Embedding)>(new CommandDefinition(FramesSql, new { learnerId }, cancellationToken: cancellationToken));
        var embeddings = new List<float[]>();
        foreach (var r in rows)
        {
            embeddings.Add(await cipher.DecryptEmbeddingAsync(learnerId, r.KeyId, r.Embedding, FramesTable, r.Id, "embedding", cancellationToken));
        }

        return embeddings;
    }

    public async Task<float[]?> IdPhotoEmbeddingAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string KeyId, byte[] Embedding)>(new CommandDefinition(IdPhotoSql, new { learnerId }, cancellationToken: cancellationToken));
        var row = rows.SingleOrDefault();
        return row.Embedding is null ? null : await cipher.DecryptEmbeddingAsync(learnerId, row.KeyId, row.Embedding, IdPhotosTable, learnerId, "embedding", cancellationToken);
    }

    /// <summary>The key presses of the stored samples the reader accepts, as key classes and times (for the free-text profile).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<ClassKeystroke>>> TypingClassKeystrokesAsync(Guid learnerId, string phrase, CancellationToken cancellationToken)
    {
        var runs = new List<IReadOnlyList<ClassKeystroke>>();
        foreach (var events in await TypingEventsAsync(learnerId, phrase, cancellationToken))
        {
            if (KeystrokeSampleReader.Read(phrase, events).Sample is not null)
            {
                runs.Add(ClassKeystrokes.Of(events));
            }
        }

        return runs;
    }

    /// <summary>The stored samples re-read against the phrase (the reader is the only way to a <see cref="KeystrokeSample"/>).</summary>
    public async Task<IReadOnlyList<KeystrokeSample>> TypingSamplesAsync(Guid learnerId, string phrase, CancellationToken cancellationToken)
    {
        var samples = new List<KeystrokeSample>();
        foreach (var events in await TypingEventsAsync(learnerId, phrase, cancellationToken))
        {
            if (KeystrokeSampleReader.Read(phrase, events).Sample is { } sample)
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    private async Task<IReadOnlyList<RawKeyEvent[]>> TypingEventsAsync(Guid learnerId, string phrase, CancellationToken cancellationToken)
    {
        var tag = await cipher.PhraseTagAsync(learnerId, phrase, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, string KeyId, byte[] Events)>(new CommandDefinition(SamplesSql, new { learnerId, phrase = tag }, cancellationToken: cancellationToken));
        var typings = new List<RawKeyEvent[]>();
        foreach (var row in rows)
        {
            typings.Add(JsonSerializer.Deserialize<RawKeyEvent[]>(await cipher.DecryptAsync(learnerId, row.KeyId, row.Events, SamplesTable, row.Id, "key_events", cancellationToken)) ?? []);
        }

        return typings;
    }
}
