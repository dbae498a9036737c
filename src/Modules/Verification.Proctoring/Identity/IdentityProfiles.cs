using Dapper;
using Npgsql;
using Verification.Matching.Face;
using Verification.Matching.Keystroke;
using Verification.Matching.Keystroke.FreeText;
using Verification.Proctoring.Consent;

namespace Verification.Proctoring.Identity;

/// <summary>Reads identity profiles for verification sessions: decrypted, and only with the learner's consent checked separately.</summary>
internal sealed class IdentityProfiles(NpgsqlDataSource dataSource, BiometricCipher cipher, LiveConsent consent)
{
    private const string Sql = """
        SELECT face_template AS Face, face_template_key_id AS FaceKeyId, id_photo_score AS IdPhotoScore,
               id_photo_score_sealed AS SealedScore, id_photo_score_key_id AS ScoreKeyId,
               keystroke_profile AS Typing, keystroke_profile_key_id AS TypingKeyId, typing_phrase AS TypingPhrase,
               typing_phrase_sealed AS SealedPhrase, typing_phrase_key_id AS PhraseKeyId, typing_unavailable AS TypingUnavailable,
               free_text_profile AS FreeText, free_text_profile_key_id AS FreeTextKeyId
        FROM proctoring.identity_profiles WHERE learner_id = @learnerId
        """;

    /// <summary>The learner's profile, or null when they have not enrolled.</summary>
    /// <exception cref="BuildingBlocks.Encryption.DecryptionFailedException">The row was altered or moved, or its key is gone.</exception>
    public async Task<IdentityProfile?> LoadAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = (await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { learnerId }, cancellationToken: cancellationToken))).SingleOrDefault();
        if (row is null)
        {
            return null;
        }

        var face = FaceTemplate.FromBytes(await cipher.DecryptAsync(learnerId, row.FaceKeyId, row.Face, "identity_profiles", learnerId, "face_template", cancellationToken));
        var typing = row.Typing is null || row.TypingKeyId is null
            ? null
            : KeystrokeProfile.FromBytes(await cipher.DecryptAsync(learnerId, row.TypingKeyId, row.Typing, TypingProfiles.Table, learnerId, TypingProfiles.Column, cancellationToken));
        var phrase = row.SealedPhrase is null || row.PhraseKeyId is null
            ? row.TypingPhrase ?? ""
            : await cipher.OpenPhraseAsync(learnerId, row.PhraseKeyId, row.SealedPhrase, cancellationToken);
        var score = row.SealedScore is null || row.ScoreKeyId is null
            ? row.IdPhotoScore ?? float.NaN
            : await cipher.OpenIdPhotoScoreAsync(learnerId, row.ScoreKeyId, row.SealedScore, cancellationToken);
        var freeText = row.FreeText is null || row.FreeTextKeyId is null
            ? null
            : FreeTextProfileBytes.FromBytes(await cipher.DecryptAsync(learnerId, row.FreeTextKeyId, row.FreeText, FreeTextProfiles.Table, learnerId, FreeTextProfiles.Column, cancellationToken));
        return new IdentityProfile(learnerId, face, typing, score, phrase, row.TypingUnavailable, freeText);
    }

    /// <summary>Whether the learner has a live consent covering their face (the minimum for a verification session).</summary>
    public Task<bool> HasActiveConsentAsync(Guid learnerId, CancellationToken cancellationToken) =>
        consent.CoversAsync(learnerId, LiveConsent.Face, cancellationToken);

    private sealed class Row
    {
        public byte[] Face { get; set; } = [];

        public string FaceKeyId { get; set; } = "";

        public float? IdPhotoScore { get; set; }

        public byte[]? SealedScore { get; set; }

        public string? ScoreKeyId { get; set; }

        public byte[]? Typing { get; set; }

        public string? TypingKeyId { get; set; }

        public string? TypingPhrase { get; set; }

        public byte[]? SealedPhrase { get; set; }

        public string? PhraseKeyId { get; set; }

        public string? TypingUnavailable { get; set; }

        public byte[]? FreeText { get; set; }

        public string? FreeTextKeyId { get; set; }
    }
}
