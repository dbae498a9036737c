using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Ids;
using Verification.Matching.Keystroke;

namespace Verification.Proctoring.Identity.UploadTypingSample;

internal sealed record TypingSampleAccepted(int AcceptedSamples, int RequiredSamples);

internal enum TypingSampleOutcome
{
    Accepted,
    Unusable,
    LimitReached,
}

/// <summary>
/// Validates one typing of the phrase with the keystroke core's reader. An accepted sample keeps its key events,
/// encrypted, so that the profile can be built from them when the enrollment completes.
/// </summary>
internal sealed class UploadTypingSampleHandler(EnrollmentSettings settings, EnrollmentDraft draft, BiometricCipher cipher, NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string InsertSql = """
        INSERT INTO proctoring.enrollment_typing_samples (id, learner_id, phrase, key_events, key_id, captured_at)
        VALUES (@id, @learnerId, @phrase, @events, @keyId, @now)
        """;

    public async Task<(TypingSampleOutcome Outcome, TypingSampleAccepted? Accepted, KeystrokeRejection? Rejection)> HandleAsync(
        Guid learnerId, string phrase, IReadOnlyList<RawKeyEvent> events, CancellationToken cancellationToken)
    {
        var (_, stored, _) = await draft.CountAsync(learnerId, phrase, cancellationToken);
        if (stored >= settings.MaximumTypingSamples)
        {
            return (TypingSampleOutcome.LimitReached, null, null);
        }

        var read = KeystrokeSampleReader.Read(phrase, events);
        if (!read.IsAccepted)
        {
            return (TypingSampleOutcome.Unusable, null, read.Rejection);
        }

        var id = TimeOrderedId.New(time);
        var sealedEvents = await cipher.EncryptAsync(learnerId, JsonSerializer.SerializeToUtf8Bytes(events), EnrollmentDraft.SamplesTable, id, "key_events", cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertSql, new { id, learnerId, phrase = await cipher.PhraseTagAsync(learnerId, phrase, cancellationToken), events = sealedEvents.Payload, keyId = sealedEvents.KeyId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return (TypingSampleOutcome.Accepted, new TypingSampleAccepted(stored + 1, KeystrokeProfile.MinimumEnrollmentSamples), null);
    }
}
