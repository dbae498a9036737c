namespace Verification.Proctoring.Privacy.Retention;

/// <summary>One data class of the schedule and the statement that deletes what has outlived its period.</summary>
internal sealed record RetentionPurge(string DataClass, string Sql);

/// <summary>
/// The statements the retention job runs, one per data class. Each answers the number of items purged; each takes
/// <c>@now</c> and the periods as parameters. None touches a session whose review case is open or escalated.
/// Data-modifying CTEs run whether or not the final SELECT reads them (PostgreSQL), so keys go with their rows.
/// </summary>
internal static class RetentionPurges
{
    private const string ClosedOrNoCase = """
        NOT EXISTS (SELECT 1 FROM proctoring.review_cases c WHERE c.session_id = s.id AND c.status IN ('open', 'escalated'))
        """;

    public static readonly RetentionPurge IdPhotos = new("id_photo", """
        WITH gone AS (DELETE FROM proctoring.id_photos WHERE delete_after <= @now RETURNING 1)
        SELECT count(*)::int FROM gone
        """);

    // An enrollment is abandoned when nothing was captured for it within the period; its draft rows then go together.
    public static readonly RetentionPurge AbandonedDrafts = new("abandoned_enrollment_draft", """
        WITH captures AS (
            SELECT learner_id, captured_at AS at FROM proctoring.enrollment_frames
            UNION ALL SELECT learner_id, captured_at FROM proctoring.enrollment_typing_samples
            UNION ALL SELECT learner_id, uploaded_at FROM proctoring.id_photos WHERE delete_after IS NULL
        ), abandoned AS (
            SELECT learner_id FROM captures GROUP BY learner_id HAVING max(at) <= @now - make_interval(hours => @draftHours)
        ), frames AS (
            DELETE FROM proctoring.enrollment_frames WHERE learner_id IN (SELECT learner_id FROM abandoned) RETURNING 1
        ), samples AS (
            DELETE FROM proctoring.enrollment_typing_samples WHERE learner_id IN (SELECT learner_id FROM abandoned) RETURNING 1
        ), photos AS (
            DELETE FROM proctoring.id_photos WHERE delete_after IS NULL AND learner_id IN (SELECT learner_id FROM abandoned) RETURNING 1
        )
        SELECT ((SELECT count(*) FROM frames) + (SELECT count(*) FROM samples) + (SELECT count(*) FROM photos))::int
        """);

    // Templates outlive no interaction by more than the period; the learner's identity key goes with them (crypto-shred).
    public static readonly RetentionPurge Templates = new("face_and_typing_templates", """
        WITH stale AS (
            SELECT p.learner_id FROM proctoring.identity_profiles p
            WHERE greatest(p.updated_at, (SELECT max(s.started_at) FROM proctoring.sessions s WHERE s.learner_id = p.learner_id))
                  <= @now - make_interval(days => @templateDays)
        ), keys AS (
            DELETE FROM proctoring.learner_keys WHERE scope = 'identity' AND learner_id IN (SELECT learner_id FROM stale) RETURNING 1
        ), gone AS (
            DELETE FROM proctoring.identity_profiles WHERE learner_id IN (SELECT learner_id FROM stale) RETURNING 1
        )
        SELECT count(*)::int FROM gone
        """);

    // Evidence of a closed case, or of a session that opened none, ends with its session's key.
    public static readonly RetentionPurge EvidenceFrames = new("evidence_frames", $"""
        WITH expired AS (
            SELECT s.id, s.learner_id FROM proctoring.sessions s
            WHERE s.ended_at IS NOT NULL AND {ClosedOrNoCase}
              AND coalesce((SELECT c.decided_at FROM proctoring.review_cases c WHERE c.session_id = s.id), s.ended_at)
                  <= @now - make_interval(days => @evidenceDays)
              AND (EXISTS (SELECT 1 FROM proctoring.evidence_frames e WHERE e.session_id = s.id) OR s.evidence IS NOT NULL)
        ), keys AS (
            DELETE FROM proctoring.learner_keys k USING expired
            WHERE k.learner_id = expired.learner_id AND k.scope = 'session:' || replace(expired.id::text, '-', '') RETURNING 1
        ), frames AS (
            DELETE FROM proctoring.evidence_frames WHERE session_id IN (SELECT id FROM expired) RETURNING 1
        ), flags AS (
            UPDATE proctoring.sessions SET evidence = NULL, evidence_key_id = NULL WHERE id IN (SELECT id FROM expired) RETURNING 1
        )
        SELECT count(*)::int FROM frames
        """);

    public static readonly RetentionPurge SessionScores = new("per_frame_scores", $"""
        WITH expired AS (
            SELECT s.id FROM proctoring.sessions s WHERE s.ended_at <= @now - make_interval(days => @scoresDays) AND {ClosedOrNoCase}
        ), frames AS (
            DELETE FROM proctoring.session_frames WHERE session_id IN (SELECT id FROM expired) RETURNING 1
        ), checks AS (
            DELETE FROM proctoring.typing_checks WHERE session_id IN (SELECT id FROM expired) RETURNING 1
        ), answers AS (
            DELETE FROM proctoring.session_answer_typing WHERE session_id IN (SELECT id FROM expired) RETURNING 1
        )
        SELECT ((SELECT count(*) FROM frames) + (SELECT count(*) FROM checks) + (SELECT count(*) FROM answers))::int
        """);

    public static IReadOnlyList<RetentionPurge> All { get; } = [IdPhotos, AbandonedDrafts, Templates, EvidenceFrames, SessionScores];
}
