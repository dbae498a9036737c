using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Identity;

namespace Verification.Proctoring.Privacy.ExportLearnerData;

internal sealed record LearnerDataExport(
    Guid LearnerId,
    DateTimeOffset ExportedAt,
    IReadOnlyList<ExportedConsent> Consents,
    ExportedEnrollment Enrollment,
    IReadOnlyList<ExportedSession> Sessions,
    IReadOnlyList<ExportedTypingCheck> TypingChecks,
    IReadOnlyList<string> Notes);

/// <summary>One typing check of a session: whether the typing was usable, and how well it matched your profile (never your key timings).</summary>
internal sealed record ExportedTypingCheck(Guid SessionId, int Check, DateTimeOffset CheckedAt, bool Usable, string? Code, double? GenuineProbability, bool? Accepted);

/// <summary>A consent you gave: the version of the text and the language you read it in (its words are that version's text in that language).</summary>
internal sealed record ExportedConsent(int Version, string Language, string[] Covers, DateTimeOffset AcceptedAt, DateTimeOffset? WithdrawnAt);

internal sealed record ExportedEnrollment(
    bool Enrolled,
    DateTimeOffset? EnrolledAt,
    DateTimeOffset? UpdatedAt,
    string? TypingPhrase,
    double? IdPhotoScore,
    ExportedTemplate? FaceTemplate,
    ExportedTemplate? KeystrokeProfile,
    int FaceFramesInProgress,
    int TypingSamplesInProgress,
    ExportedIdPhoto? IdPhoto,
    string? TypingUnavailable,
    ExportedTemplate? FreeTextProfile = null,
    int TypingRefinements = 0);

/// <summary>A biometric template described, not dumped: its bytes mean nothing outside our matcher and would only widen the leak if an export went astray.</summary>
internal sealed record ExportedTemplate(string Description, int EncryptedBytes, string KeyId);

internal sealed record ExportedIdPhoto(DateTimeOffset UploadedAt, DateTimeOffset? DeleteAfter, string ContentType);

internal sealed record ExportedSession(
    Guid SessionId,
    Guid CourseId,
    string AssessmentId,
    string Status,
    string? Verdict,
    string[] Flags,
    int FramesReceived,
    int EvidenceFramesKept,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? ReviewStatus,
    DateTimeOffset? ReviewDecidedAt,
    string? TypingUnavailable,
    ExportedAnswerTyping? AnswerTyping = null);

/// <summary>The typing of a session's text answers as kept: per batch the player sent, timing statistics only (never the text or the keys).</summary>
internal sealed record ExportedAnswerTyping(string Description, int Batches, int KeyPresses);

/// <summary>Everything the proctoring module holds about one learner, in words and numbers a learner can read.</summary>
internal sealed class ExportLearnerDataHandler(NpgsqlDataSource dataSource, BiometricCipher cipher, TimeProvider time)
{
    private const string Sql = """
        SELECT version AS "Version", language AS "Language", covers AS "Covers", accepted_at AS "AcceptedAt", withdrawn_at AS "WithdrawnAt"
        FROM proctoring.consents WHERE learner_id = @learnerId ORDER BY accepted_at;

        SELECT created_at AS "CreatedAt", updated_at AS "UpdatedAt", typing_phrase AS "TypingPhrase", id_photo_score AS "IdPhotoScore",
               id_photo_score_sealed AS "SealedScore", id_photo_score_key_id AS "ScoreKeyId",
               typing_phrase_sealed AS "SealedPhrase", typing_phrase_key_id AS "PhraseKeyId",
               length(face_template) AS "FaceBytes", face_template_key_id AS "FaceKeyId",
               length(keystroke_profile) AS "KeystrokeBytes", keystroke_profile_key_id AS "KeystrokeKeyId", typing_refinements AS "TypingRefinements",
               typing_unavailable AS "TypingUnavailable",
               length(free_text_profile) AS "FreeTextBytes", free_text_profile_key_id AS "FreeTextKeyId", free_text_refinements AS "FreeTextRefinements"
        FROM proctoring.identity_profiles WHERE learner_id = @learnerId;

        SELECT (SELECT count(*) FROM proctoring.enrollment_frames WHERE learner_id = @learnerId)::int AS "Frames",
               (SELECT count(*) FROM proctoring.enrollment_typing_samples WHERE learner_id = @learnerId)::int AS "Samples";

        SELECT uploaded_at AS "UploadedAt", delete_after AS "DeleteAfter", content_type AS "ContentType"
        FROM proctoring.id_photos WHERE learner_id = @learnerId;

        SELECT s.id AS "SessionId", s.course_id AS "CourseId", s.assessment_id AS "AssessmentId", s.status AS "Status",
               s.verdict AS "Verdict", s.flag_kinds AS "Flags", s.frames_received AS "FramesReceived",
               (SELECT count(*) FROM proctoring.evidence_frames e WHERE e.session_id = s.id)::int AS "EvidenceFramesKept",
               s.started_at AS "StartedAt", s.ended_at AS "EndedAt", c.status AS "ReviewStatus", c.decided_at AS "ReviewDecidedAt",
               s.typing_unavailable AS "TypingUnavailable",
               (SELECT count(*) FROM proctoring.session_answer_typing a WHERE a.session_id = s.id)::int AS "AnswerTypingBatches",
               (SELECT coalesce(sum(a.key_presses), 0) FROM proctoring.session_answer_typing a WHERE a.session_id = s.id)::int AS "AnswerTypingKeyPresses"
        FROM proctoring.sessions s LEFT JOIN proctoring.review_cases c ON c.session_id = s.id
        WHERE s.learner_id = @learnerId ORDER BY s.started_at;

        SELECT t.session_id AS "SessionId", t.check_number AS "Check", t.checked_at AS "CheckedAt", t.usable AS "Usable", t.code AS "Code",
               t.genuine_probability AS "GenuineProbability", t.accepted AS "Accepted"
        FROM proctoring.typing_checks t JOIN proctoring.sessions s ON s.id = t.session_id
        WHERE s.learner_id = @learnerId ORDER BY t.checked_at, t.check_number;
        """;

    public async Task<LearnerDataExport> HandleAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { learnerId }, cancellationToken: cancellationToken));
        var consents = (await results.ReadAsync<ConsentRow>()).Select(c => new ExportedConsent(c.Version, c.Language, c.Covers, Utc(c.AcceptedAt), Utc(c.WithdrawnAt))).ToList();
        var profile = await results.ReadSingleOrDefaultAsync<ProfileRow>();
        var inProgress = await results.ReadSingleAsync<(int Frames, int Samples)>();
        var idPhoto = await results.ReadSingleOrDefaultAsync<IdPhotoRow>();
        var sessions = (await results.ReadAsync<SessionRow>()).Select(s => new ExportedSession(
            s.SessionId, s.CourseId, s.AssessmentId, s.Status, s.Verdict, s.Flags, s.FramesReceived, s.EvidenceFramesKept,
            Utc(s.StartedAt), Utc(s.EndedAt), s.ReviewStatus, Utc(s.ReviewDecidedAt), s.TypingUnavailable,
            s.AnswerTypingBatches == 0 ? null : new ExportedAnswerTyping(
                "The rhythm of your typing in this assessment's text answers: for each batch the player sent, statistics of how long keys were held and the time between keys, by key group (left hand, right hand, space, correction, other). Never the text or which keys. Stored encrypted.",
                s.AnswerTypingBatches,
                s.AnswerTypingKeyPresses))).ToList();
        var typingChecks = (await results.ReadAsync<TypingCheckRow>()).Select(t => new ExportedTypingCheck(
            t.SessionId, t.Check, Utc(t.CheckedAt), t.Usable, t.Code, t.GenuineProbability, t.Accepted)).ToList();

        var enrollment = new ExportedEnrollment(
            profile is not null,
            Utc(profile?.CreatedAt),
            Utc(profile?.UpdatedAt),
            profile is null ? null : await PhraseAsync(learnerId, profile, cancellationToken),
            profile is null ? null : await ScoreAsync(learnerId, profile, cancellationToken),
            profile is null ? null : new ExportedTemplate(
                "Face template: numeric descriptions (embeddings) of your enrollment photos, used only to compare new camera photos with you. Stored encrypted; the numbers are not included here.",
                profile.FaceBytes,
                profile.FaceKeyId),
            profile?.KeystrokeBytes is { } keystrokeBytes ? new ExportedTemplate(
                $"Typing profile: the timing of your key presses when typing the phrase, from your enrollment typings and refined by {profile.TypingRefinements} verified assessments' typing checks (timings only; it keeps at most {Matching.Keystroke.KeystrokeProfile.MaximumRefinementSamples} of these typings, the most recent). Stored encrypted; the numbers are not included here.",
                keystrokeBytes,
                profile.KeystrokeKeyId ?? "") : null,
            inProgress.Frames,
            inProgress.Samples,
            idPhoto is null ? null : new ExportedIdPhoto(Utc(idPhoto.UploadedAt), Utc(idPhoto.DeleteAfter), idPhoto.ContentType),
            profile?.TypingUnavailable,
            profile?.FreeTextBytes is { } freeTextBytes ? new ExportedTemplate(
                $"Free-text typing profile: statistics of how long keys are held and the time between keys, by key group (left hand, right hand, space, correction, other), from your enrollment typing and refined by {profile.FreeTextRefinements} verified assessments' typed answers. Never the text or which keys. Stored encrypted; the numbers are not included here.",
                freeTextBytes,
                profile.FreeTextKeyId ?? "") : null,
            profile?.TypingRefinements ?? 0);

        return new LearnerDataExport(learnerId, time.GetUtcNow(), consents, enrollment, sessions, typingChecks,
        [
            "Photos taken during assessments are kept only when a check flagged them, as evidence for the person who reviews it.",
            "Your ID photo is kept only until your enrollment is complete plus a short period, then deleted.",
            "Nothing in this export was used to infer emotions or behaviour.",
        ]);
    }

    private async Task<string?> PhraseAsync(Guid learnerId, ProfileRow profile, CancellationToken cancellationToken) =>
        profile.SealedPhrase is null || profile.PhraseKeyId is null
            ? profile.TypingPhrase
            : await ReadableOrNull(async () => (string?)await cipher.OpenPhraseAsync(learnerId, profile.PhraseKeyId, profile.SealedPhrase, cancellationToken));

    private async Task<double?> ScoreAsync(Guid learnerId, ProfileRow profile, CancellationToken cancellationToken) =>
        profile.SealedScore is null || profile.ScoreKeyId is null
            ? profile.IdPhotoScore
            : await ReadableOrNull(async () => (double?)await cipher.OpenIdPhotoScoreAsync(learnerId, profile.ScoreKeyId, profile.SealedScore, cancellationToken));

    // A row whose key an erasure in progress already destroyed can be read by no one: exported as absent, not a failure.
    private static async Task<T?> ReadableOrNull<T>(Func<Task<T?>> open)
    {
        try
        {
            return await open();
        }
        catch (DecryptionFailedException)
        {
            return default;
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    // Rows as classes with settable properties: Dapper converts into properties, while records need exact constructor types.
    private sealed class ConsentRow
    {
        public int Version { get; init; }

        public string Language { get; init; } = "";

        public string[] Covers { get; init; } = [];

        public DateTime AcceptedAt { get; init; }

        public DateTime? WithdrawnAt { get; init; }
    }

    private sealed class ProfileRow
    {
        public string? TypingUnavailable { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime UpdatedAt { get; init; }

        public string? TypingPhrase { get; init; }

        public byte[]? SealedPhrase { get; init; }

        public string? PhraseKeyId { get; init; }

        public float? IdPhotoScore { get; init; }

        public byte[]? SealedScore { get; init; }

        public string? ScoreKeyId { get; init; }

        public int FaceBytes { get; init; }

        public string FaceKeyId { get; init; } = "";

        public int? KeystrokeBytes { get; init; }

        public string? KeystrokeKeyId { get; init; }

        public int TypingRefinements { get; init; }

        public int? FreeTextBytes { get; init; }

        public string? FreeTextKeyId { get; init; }

        public int FreeTextRefinements { get; init; }
    }

    private sealed class TypingCheckRow
    {
        public Guid SessionId { get; init; }

        public int Check { get; init; }

        public DateTime CheckedAt { get; init; }

        public bool Usable { get; init; }

        public string? Code { get; init; }

        public float? GenuineProbability { get; init; }

        public bool? Accepted { get; init; }
    }

    private sealed class IdPhotoRow
    {
        public DateTime UploadedAt { get; init; }

        public DateTime? DeleteAfter { get; init; }

        public string ContentType { get; init; } = "";
    }

    private sealed class SessionRow
    {
        public string? TypingUnavailable { get; init; }

        public Guid SessionId { get; init; }

        public Guid CourseId { get; init; }

        public string AssessmentId { get; init; } = "";

        public string Status { get; init; } = "";

        public string? Verdict { get; init; }

        public string[] Flags { get; init; } = [];

        public int FramesReceived { get; init; }

        public int EvidenceFramesKept { get; init; }

        public DateTime StartedAt { get; init; }

        public DateTime? EndedAt { get; init; }

        public string? ReviewStatus { get; init; }

        public DateTime? ReviewDecidedAt { get; init; }

        public int AnswerTypingBatches { get; init; }

        public int AnswerTypingKeyPresses { get; init; }
    }
}
