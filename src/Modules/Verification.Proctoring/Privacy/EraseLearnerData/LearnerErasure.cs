using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Privacy.EraseLearnerData;

/// <summary>What one pass of an erasure removed, and the sessions whose evidence an open review case still holds.</summary>
internal sealed record ErasurePass(
    bool FirstRequest,
    int KeysDestroyed,
    bool IdentityProfileDeleted,
    int EnrollmentFramesDeleted,
    int TypingSamplesDeleted,
    int IdPhotosDeleted,
    int EvidenceFramesDeleted,
    int FrameScoresDeleted,
    int SessionEvidenceDeleted,
    int ReviewNotesRedacted,
    IReadOnlyList<KeptForReview> KeptForOpenReviews);

/// <summary>
/// Erases what can be erased now, in two steps: first the learner's data keys are destroyed and committed (from then on
/// no copy of the ciphertexts, in the table, the WAL or a backup, can be decrypted), then the rows go. A pass cut short
/// between the two is finished by the next one: every step is idempotent. Evidence of a session under an open review
/// case keeps its key and rows; the pending request is completed by a later pass once the case is closed.
/// </summary>
internal sealed class LearnerErasure(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    public const string ErasedNote = "[redacted: the learner's data was erased]";

    private const string OpenReview = "c.status IN ('open', 'escalated')";

    private const string KeptSql = $"""
        SELECT s.id AS "SessionId", c.id AS "CaseId", c.status AS "ReviewStatus",
               (SELECT count(*) FROM proctoring.evidence_frames e WHERE e.session_id = s.id)::int AS "EvidenceFrames"
        FROM proctoring.sessions s JOIN proctoring.review_cases c ON c.session_id = s.id
        WHERE s.learner_id = @learnerId AND s.started_at <= @asOf AND {OpenReview}
        ORDER BY s.started_at
        """;

    private const string RequestSql = """
        INSERT INTO proctoring.erasures (learner_id, requested_at) VALUES (@learnerId, @now)
        ON CONFLICT (learner_id) DO UPDATE SET completed_at = NULL, requested_at = EXCLUDED.requested_at
        RETURNING (xmax = 0) AS first
        """;

    private const string ErasableSessions = $"""
        SELECT s.id FROM proctoring.sessions s
        WHERE s.learner_id = @learnerId AND s.started_at <= @asOf
          AND NOT EXISTS (SELECT 1 FROM proctoring.review_cases c WHERE c.session_id = s.id AND {OpenReview})
        """;

    private const string DestroyKeysSql = $"""
        DELETE FROM proctoring.learner_keys
        WHERE learner_id = @learnerId
          AND (scope = 'identity' AND @identity OR scope IN (SELECT 'session:' || replace(id::text, '-', '') FROM ({ErasableSessions}) erasable))
        """;

    private const string DeleteRowsSql = $"""
        WITH erasable AS ({ErasableSessions}
        ), enrollment_faces AS (
            DELETE FROM proctoring.enrollment_faces WHERE learner_id = @learnerId AND @identity RETURNING number
        ), profile AS (
            DELETE FROM proctoring.identity_profiles WHERE learner_id = @learnerId AND @identity RETURNING learner_id
        ), frames AS (
            DELETE FROM proctoring.enrollment_frames WHERE learner_id = @learnerId AND @identity RETURNING id
        ), samples AS (
            DELETE FROM proctoring.enrollment_typing_samples WHERE learner_id = @learnerId AND @identity RETURNING id
        ), photos AS (
            DELETE FROM proctoring.id_photos WHERE learner_id = @learnerId AND @identity RETURNING learner_id
        ), evidence_frames AS (
            DELETE FROM proctoring.evidence_frames WHERE session_id IN (SELECT id FROM erasable) RETURNING session_id
        ), scores AS (
            DELETE FROM proctoring.session_frames WHERE session_id IN (SELECT id FROM erasable) RETURNING session_id
        ), typing_checks AS (
            DELETE FROM proctoring.typing_checks WHERE session_id IN (SELECT id FROM erasable) RETURNING session_id
        ), answer_typing AS (
            DELETE FROM proctoring.session_answer_typing WHERE session_id IN (SELECT id FROM erasable) RETURNING session_id
        ), session_evidence AS (
            UPDATE proctoring.sessions SET evidence = NULL, evidence_key_id = NULL
            WHERE id IN (SELECT id FROM erasable) AND evidence IS NOT NULL RETURNING id
        ), notes AS (
            -- One statement may change a row once, so a case's note and its appeal are redacted together.
            UPDATE proctoring.review_cases
            SET note = CASE WHEN note IS NULL THEN NULL ELSE @erasedNote END,
                appeal_reason = CASE WHEN appeal_reason IS NULL THEN NULL ELSE @erasedNote END
            WHERE session_id IN (SELECT id FROM erasable)
              AND (note IS NOT NULL AND note <> @erasedNote OR appeal_reason IS NOT NULL AND appeal_reason <> @erasedNote)
            RETURNING id
        ), decision_notes AS (
            UPDATE proctoring.review_decisions SET note = @erasedNote
            WHERE case_id IN (SELECT c.id FROM proctoring.review_cases c WHERE c.session_id IN (SELECT id FROM erasable))
              AND note <> @erasedNote RETURNING id
        )
        SELECT (SELECT count(*) FROM profile)::int AS "Profiles", (SELECT count(*) FROM frames)::int AS "Frames",
               (SELECT count(*) FROM samples)::int AS "Samples", (SELECT count(*) FROM photos)::int AS "Photos",
               (SELECT count(*) FROM evidence_frames)::int AS "EvidenceFrames", ((SELECT count(*) FROM scores) + (SELECT count(*) FROM typing_checks))::int AS "Scores",
               (SELECT count(*) FROM session_evidence)::int AS "SessionEvidence", ((SELECT count(*) FROM notes) + (SELECT count(*) FROM decision_notes))::int AS "Notes",
               (SELECT count(*) FROM enrollment_faces)::int AS "EnrollmentFaces", (SELECT count(*) FROM answer_typing)::int AS "AnswerTyping"
        """;

    // A later pass finishes what the request covered, no more: the sessions started by then, and the identity data
    // unless the learner has consented again since (the request withdrew every consent live then). An enrollment made
    // under that new consent is the learner's own again, not the pending erasure's.
    private const string ScopeSql = """
        SELECT e.requested_at AS "AsOf",
               NOT EXISTS (SELECT 1 FROM proctoring.consents c WHERE c.learner_id = e.learner_id AND c.withdrawn_at IS NULL) AS "Identity"
        FROM proctoring.erasures e WHERE e.learner_id = @learnerId
        """;

    private const string CompleteSql = "UPDATE proctoring.erasures SET completed_at = @now WHERE learner_id = @learnerId AND completed_at IS NULL";

    /// <summary>Records the request (when <paramref name="request"/>) and erases what no open review case needs.</summary>
    public async Task<ErasurePass> RunAsync(Guid learnerId, bool request, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        bool first;
        int keys;
        Scope scope;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            first = request && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(RequestSql, new { learnerId, now }, transaction, cancellationToken: cancellationToken));
            scope = request
                ? new Scope(now.UtcDateTime, true)
                : await connection.QuerySingleOrDefaultAsync<Scope>(new CommandDefinition(ScopeSql, new { learnerId }, transaction, cancellationToken: cancellationToken))
                  ?? new Scope(now.UtcDateTime, true);
            keys = await connection.ExecuteAsync(new CommandDefinition(
                DestroyKeysSql, new { learnerId, asOf = scope.AsOf, identity = scope.Identity }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        await using var rows = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await rows.BeginTransactionAsync(cancellationToken);
        var kept = (await rows.QueryAsync<KeptForReview>(new CommandDefinition(KeptSql, new { learnerId, asOf = scope.AsOf }, tx, cancellationToken: cancellationToken))).ToList();
        var counts = await rows.QuerySingleAsync<Counts>(new CommandDefinition(
            DeleteRowsSql, new { learnerId, asOf = scope.AsOf, identity = scope.Identity, erasedNote = ErasedNote }, tx, cancellationToken: cancellationToken));
        if (kept.Count == 0)
        {
            await rows.ExecuteAsync(new CommandDefinition(CompleteSql, new { learnerId, now }, tx, cancellationToken: cancellationToken));
        }

        var pass = new ErasurePass(
            first, keys, counts.Profiles > 0, counts.Frames, counts.Samples, counts.Photos, counts.EvidenceFrames, counts.Scores, counts.SessionEvidence, counts.Notes, kept);
        var data = JsonSerializer.Serialize(new
        {
            keysDestroyed = keys,
            identityProfileDeleted = pass.IdentityProfileDeleted,
            enrollmentFramesDeleted = counts.Frames,
            enrollmentFacesDeleted = counts.EnrollmentFaces,
            typingSamplesDeleted = counts.Samples,
            idPhotosDeleted = counts.Photos,
            evidenceFramesDeleted = counts.EvidenceFrames,
            frameScoresDeleted = counts.Scores,
            answerTypingBatchesDeleted = counts.AnswerTyping,
            sessionEvidenceDeleted = counts.SessionEvidence,
            reviewNotesRedacted = counts.Notes,
            keptForOpenReviews = kept.Select(k => k.CaseId),
        });
        await audit.AppendAsync(rows, tx, new AuditEntry(actor, "identity.erased", $"learner:{learnerId}", data), cancellationToken);
        if (first)
        {
            await ProctoringOutbox.AppendAsync(rows, tx, new LearnerIdentityEvidenceErased(learnerId, now), now);
        }

        await tx.CommitAsync(cancellationToken);
        return pass;
    }

    // What the request covers: the sessions started by AsOf, and the identity data when Identity.
    private sealed record Scope(DateTime AsOf, bool Identity);

    // The CTE answers one row of counts.
    private sealed record Counts(int Profiles, int Frames, int Samples, int Photos, int EvidenceFrames, int Scores, int SessionEvidence, int Notes, int EnrollmentFaces, int AnswerTyping);
}
