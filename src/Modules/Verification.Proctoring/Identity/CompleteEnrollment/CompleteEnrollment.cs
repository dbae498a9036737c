using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.Matching.Face;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Privacy.Retention;

namespace Verification.Proctoring.Identity.CompleteEnrollment;

internal sealed record EnrollmentCompleted(string Status, int Version, int FaceFrames, int TypingSamples, string? TypingUnavailable);

internal enum CompleteOutcome
{
    Completed,
    Incomplete,
    IdPhotoMismatch,
    ConsentMissing,
}

/// <summary>
/// Builds the identity profile from the enrollment in progress: the face template of the accepted frames, the ID
/// photo's score against it, the keystroke profile and the free-text profile of the same typings (or, with a <see cref="TypingFallback"/> reason, none: the reason
/// is stored instead and the sessions rest on the face). Stores it encrypted (replacing an earlier profile) with the
/// enrollment's face pictures for reviewers (<see cref="EnrollmentFaces"/>), clears
/// the enrollment in progress, starts the ID photo's retention clock and audits <c>identity.enrolled</c> or
/// <c>identity.re_enrolled</c>, all in one transaction.
/// </summary>
internal sealed class CompleteEnrollmentHandler(
    FaceOptions faceOptions,
    EnrollmentSettings settings,
    RetentionSettings retention,
    EnrollmentDraft draft,
    EnrollmentFaces enrollmentFaces,
    BiometricCipher cipher,
    FreeTextProfiles freeTextProfiles,
    NpgsqlDataSource dataSource,
    AuditLog audit,
    TimeProvider time,
    ILogger<CompleteEnrollmentHandler> logger)
{
    private const string UpsertSql = """
        INSERT INTO proctoring.identity_profiles AS p (learner_id, face_template, face_template_key_id, id_photo_score, id_photo_score_sealed,
            id_photo_score_key_id, keystroke_profile, keystroke_profile_key_id, typing_unavailable, typing_phrase, typing_phrase_sealed, typing_phrase_key_id,
            free_text_profile, free_text_profile_key_id, created_at, updated_at, version)
        VALUES (@learnerId, @face, @faceKeyId, NULL, @idPhotoScore, @idPhotoScoreKeyId, @typing, @typingKeyId, @typingUnavailable, NULL, @phrase, @phraseKeyId,
            @freeText, @freeTextKeyId, @now, @now, 1)
        ON CONFLICT (learner_id) DO UPDATE SET face_template = EXCLUDED.face_template, face_template_key_id = EXCLUDED.face_template_key_id,
            id_photo_score = NULL, id_photo_score_sealed = EXCLUDED.id_photo_score_sealed, id_photo_score_key_id = EXCLUDED.id_photo_score_key_id,
            keystroke_profile = EXCLUDED.keystroke_profile,
            keystroke_profile_key_id = EXCLUDED.keystroke_profile_key_id, typing_unavailable = EXCLUDED.typing_unavailable, typing_phrase = NULL,
            typing_phrase_sealed = EXCLUDED.typing_phrase_sealed, typing_phrase_key_id = EXCLUDED.typing_phrase_key_id,
            free_text_profile = EXCLUDED.free_text_profile, free_text_profile_key_id = EXCLUDED.free_text_profile_key_id, free_text_refinements = 0, typing_refinements = 0,
            updated_at = EXCLUDED.updated_at, version = p.version + 1
        RETURNING version;
        """;

    // Under a share lock until the profile is stored: an erasure withdraws the consent first, so it either came before
    // (nothing is stored) or waits for this transaction and then erases the profile it stored.
    private const string LiveConsentSql = "SELECT covers FROM proctoring.consents WHERE learner_id = @learnerId AND withdrawn_at IS NULL FOR SHARE";

    private const string ClearDraftSql = """
        DELETE FROM proctoring.enrollment_frames WHERE learner_id = @learnerId;
        DELETE FROM proctoring.enrollment_typing_samples WHERE learner_id = @learnerId;
        UPDATE proctoring.id_photos SET delete_after = @deleteAfter WHERE learner_id = @learnerId AND delete_after IS NULL;
        """;

    public async Task<(CompleteOutcome Outcome, EnrollmentCompleted? Completed, string[] Missing)> HandleAsync(
        Guid learnerId, string phrase, string? typingUnavailable, CancellationToken cancellationToken)
    {
        var frames = await draft.FrameEmbeddingsAsync(learnerId, cancellationToken);
        var idPhoto = await draft.IdPhotoEmbeddingAsync(learnerId, cancellationToken);
        var samples = await draft.TypingSamplesAsync(learnerId, phrase, cancellationToken);
        var missing = new List<string>();
        if (frames.Count < settings.MinimumFaceFrames)
        {
            missing.Add("face_frames");
        }

        if (idPhoto is null)
        {
            missing.Add("id_photo");
        }

        // Without trustworthy key timings (a touch keyboard) the profile is the face alone; the reason is kept with it.
        if (typingUnavailable is null && samples.Count < KeystrokeProfile.MinimumEnrollmentSamples)
        {
            missing.Add("typing_samples");
        }

        if (missing.Count > 0)
        {
            return (CompleteOutcome.Incomplete, null, [.. missing]);
        }

        var template = FaceTemplate.Create(frames);
        // The ID photo matched the frames taken before it; the frames taken after it must not pull the template away.
        var idPhotoScore = template.Score(idPhoto);
        if (idPhotoScore < faceOptions.MatchThreshold)
        {
            return (CompleteOutcome.IdPhotoMismatch, null, []);
        }

        var typing = typingUnavailable is null ? KeystrokeProfile.Build(phrase, samples) : null;
        var typingSamples = typing is null ? 0 : samples.Count;
        var sealedFace = await cipher.EncryptAsync(learnerId, template.ToBytes(), "identity_profiles", learnerId, "face_template", cancellationToken);
        var sealedTyping = typing is null
            ? null
            : await cipher.EncryptAsync(learnerId, typing.ToBytes(), "identity_profiles", learnerId, "keystroke_profile", cancellationToken);
        // The pledge typings also start the free-text profile (key classes and timings only), refined later by verified sessions.
        var freeText = typing is null ? null : FreeTextProfiles.FromEnrollment(await draft.TypingClassKeystrokesAsync(learnerId, phrase, cancellationToken));
        var sealedFreeText = freeText is null ? null : await freeTextProfiles.SealAsync(learnerId, freeText, cancellationToken);
        var sealedPhrase = await cipher.SealPhraseAsync(learnerId, phrase, cancellationToken);
        var sealedScore = await cipher.SealIdPhotoScoreAsync(learnerId, idPhotoScore, cancellationToken);
        var faces = await enrollmentFaces.SealFromDraftAsync(learnerId, cancellationToken);
        var now = time.GetUtcNow();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var covers = (await connection.QueryAsync<string[]>(new CommandDefinition(LiveConsentSql, new { learnerId }, transaction, cancellationToken: cancellationToken))).SelectMany(c => c).ToHashSet(StringComparer.Ordinal);
        if (!Consent.LiveConsent.EnrollmentKinds.All(covers.Contains))
        {
            return (CompleteOutcome.ConsentMissing, null, []);
        }

        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            UpsertSql,
            new
            {
                learnerId,
                face = sealedFace.Payload,
                faceKeyId = sealedFace.KeyId,
                idPhotoScore = sealedScore.Payload,
                idPhotoScoreKeyId = sealedScore.KeyId,
                typing = sealedTyping?.Payload,
                typingKeyId = sealedTyping?.KeyId,
                typingUnavailable,
                phrase = sealedPhrase.Payload,
                phraseKeyId = sealedPhrase.KeyId,
                freeText = sealedFreeText?.Payload,
                freeTextKeyId = sealedFreeText?.KeyId,
                now,
            },
            transaction,
            cancellationToken: cancellationToken));
        await EnrollmentFaces.KeepAsync(connection, transaction, learnerId, faces, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            ClearDraftSql, new { learnerId, deleteAfter = now.AddDays(retention.IdPhotoDays) }, transaction, cancellationToken: cancellationToken));
        var action = version == 1 ? "identity.enrolled" : "identity.re_enrolled";
        var data = JsonSerializer.Serialize(new { version, faceFrames = frames.Count, facePicturesKept = faces.Count, typingSamples, freeTextKeyPresses = freeText?.Keystrokes ?? 0, typingUnavailable, idPhotoMatched = true });
        await audit.AppendAsync(connection, transaction, new AuditEntry($"learner:{learnerId}", action, $"learner:{learnerId}", data), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Identity profile version {Version} stored for learner {LearnerId}", version, learnerId);
        return (CompleteOutcome.Completed, new EnrollmentCompleted(version == 1 ? "enrolled" : "re_enrolled", version, frames.Count, typingSamples, typingUnavailable), []);
    }
}
