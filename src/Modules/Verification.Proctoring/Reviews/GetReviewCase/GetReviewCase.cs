using System.Text;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Reviews.ListReviewCases;
using Verification.Proctoring.Sessions.Store;

namespace Verification.Proctoring.Reviews.GetReviewCase;

/// <summary>Reads one case for the reviewer: the session, its flags (decrypted from the evidence), the per-frame timeline, the enrollment pictures kept, history, appeal, earlier cases and audit trail.</summary>
internal sealed class GetReviewCaseHandler(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, AuditTrail audit, TimeProvider time)
{
    private const int TrailLimit = 500;

    private const string Sql = """
        SELECT c.status AS "Status", c.priority AS "Priority", c.opened_at AS "OpenedAt",
               CASE WHEN c.claim_expires_at > @now THEN c.claimed_by END AS "HeldBy",
               CASE WHEN c.claim_expires_at > @now THEN c.claim_expires_at END AS "HeldUntil",
               c.appealed_at AS "AppealedAt", c.appeal_reason AS "AppealReason", c.appeal_excludes AS "AppealExcludes",
               s.id AS "SessionId", s.learner_id AS "LearnerId", s.course_id AS "CourseId", s.assessment_id AS "AssessmentId",
               s.attempt AS "Attempt", s.status AS "SessionStatus", s.started_at AS "StartedAt", s.ended_at AS "EndedAt",
               s.frames_received AS "FramesReceived", s.frames_shed AS "FramesShed", s.evidence AS "Evidence", s.evidence_key_id AS "EvidenceKeyId",
               s.typing_unavailable AS "TypingUnavailable",
               EXISTS (SELECT 1 FROM proctoring.id_photos p WHERE p.learner_id = c.learner_id) AS "IdPhotoAvailable"
        FROM proctoring.review_cases c JOIN proctoring.sessions s ON s.id = c.session_id
        WHERE c.id = @caseId;

        SELECT frame AS "Frame", received_at AS "ReceivedAt", faces_found AS "FacesFound", match_score AS "MatchScore",
               liveness AS "Liveness", rejection_code AS "RejectionCode"
        FROM proctoring.session_frames WHERE session_id = (SELECT session_id FROM proctoring.review_cases WHERE id = @caseId) ORDER BY frame;

        SELECT frame FROM proctoring.evidence_frames WHERE session_id = (SELECT session_id FROM proctoring.review_cases WHERE id = @caseId) ORDER BY frame;

        SELECT check_number AS "Check", checked_at AS "CheckedAt", usable AS "Usable", code AS "Code",
               genuine_probability AS "GenuineProbability", accepted AS "Accepted"
        FROM proctoring.typing_checks WHERE session_id = (SELECT session_id FROM proctoring.review_cases WHERE id = @caseId) ORDER BY check_number;

        SELECT decision AS "Decision", note AS "Note", reviewer_id AS "ReviewerId", decided_at AS "DecidedAt"
        FROM proctoring.review_decisions WHERE case_id = @caseId ORDER BY sequence;

        SELECT c.id AS "CaseId", s.assessment_id AS "AssessmentId", c.opened_at AS "OpenedAt", c.status AS "Status", array_to_string(s.flag_kinds, ' ') AS "FlagList"
        FROM proctoring.review_cases c JOIN proctoring.sessions s ON s.id = c.session_id
        WHERE c.learner_id = (SELECT learner_id FROM proctoring.review_cases WHERE id = @caseId) AND c.id <> @caseId
        ORDER BY c.opened_at DESC LIMIT 50;

        SELECT number FROM proctoring.enrollment_faces
        WHERE learner_id = (SELECT learner_id FROM proctoring.review_cases WHERE id = @caseId) ORDER BY number;
        """;

    private sealed record CaseRow(
        string Status, string Priority, DateTime OpenedAt, Guid? HeldBy, DateTime? HeldUntil, DateTime? AppealedAt, string? AppealReason, Guid? AppealExcludes,
        Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, int Attempt, string SessionStatus, DateTime StartedAt, DateTime? EndedAt,
        int FramesReceived, int FramesShed, byte[]? Evidence, string? EvidenceKeyId, string? TypingUnavailable, bool IdPhotoAvailable);

    private sealed record FrameRow(int Frame, DateTime ReceivedAt, int FacesFound, float? MatchScore, float? Liveness, string? RejectionCode);

    private sealed record TypingCheckRow(int Check, DateTime CheckedAt, bool Usable, string? Code, float? GenuineProbability, bool? Accepted);

    private sealed record EarlierRow(Guid CaseId, string AssessmentId, DateTime OpenedAt, string Status, string FlagList);

    public async Task<ReviewCaseView?> HandleAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var reader = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { caseId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (await reader.ReadSingleOrDefaultAsync<CaseRow>() is not { } row)
        {
            return null;
        }

        var frames = (await reader.ReadAsync<FrameRow>()).ToList();
        var evidence = (await reader.ReadAsync<int>()).ToList();
        var typing = (await reader.ReadAsync<TypingCheckRow>()).ToList();
        var history = (await reader.ReadAsync<HistoryEntry>()).ToList();
        var earlier = (await reader.ReadAsync<EarlierRow>()).ToList();
        var enrollmentFaces = (await reader.ReadAsync<int>()).ToList();
        var evidenceRecord = EvidenceOf(row);
        var trail = await audit.ReadAsync([$"case:{caseId}", $"session:{row.SessionId}"], TrailLimit, cancellationToken);
        return new ReviewCaseView(
            caseId,
            ReviewQueue.StatusOf(row.Status),
            Enum.Parse<ReviewCasePriority>(row.Priority),
            row.OpenedAt,
            row.HeldBy,
            row.HeldUntil,
            new ReviewedSession(row.SessionId, row.LearnerId, row.CourseId, row.AssessmentId, row.Attempt, row.SessionStatus, row.StartedAt, row.EndedAt, row.FramesReceived, row.FramesShed, row.TypingUnavailable),
            evidenceRecord.Flags,
            evidenceRecord.WeakTyping,
            evidenceRecord.FreeText,
            ReviewTimeline.Build(row.StartedAt, row.FramesReceived, frames.Select(f => (f.Frame, f.ReceivedAt, f.FacesFound, f.MatchScore, f.Liveness, f.RejectionCode)), evidence),
            [.. typing.Select(t => new ReviewedTypingCheck(
                t.Check, Math.Round((t.CheckedAt - row.StartedAt).TotalSeconds, 1), t.Usable, t.Code, t.GenuineProbability, t.Accepted))],
            evidence,
            row.IdPhotoAvailable,
            enrollmentFaces,
            history,
            row.AppealedAt is { } appealedAt ? new Appeal(appealedAt, row.AppealReason ?? "", row.AppealExcludes) : null,
            [.. earlier.Select(e => new EarlierCase(e.CaseId, e.AssessmentId, e.OpenedAt, ReviewQueue.StatusOf(e.Status), e.FlagList.Split(' ', StringSplitOptions.RemoveEmptyEntries)))],
            trail);
    }

    private (List<ReviewedFlag> Flags, ReviewedWeakTyping? WeakTyping, ReviewedFreeText? FreeText) EvidenceOf(CaseRow row)
    {
        if (row.Evidence is null || row.EvidenceKeyId is null)
        {
            return ([], null, null);
        }

        var plain = encryption.Decrypt(new EncryptedBlob(row.EvidenceKeyId, row.Evidence), Encoding.UTF8.GetBytes($"session-evidence:{row.SessionId}"));
        var stored = StoredEvidence.Read(plain);
        var weak = stored.WeakTyping is { } w ? new ReviewedWeakTyping(w.Rule, w.Checks, w.Scores, w.Evidence, w.NegativeChecks) : null;
        var freeText = stored.FreeText is { } t
            ? new ReviewedFreeText(t.KeyPresses, t.TimingsCompared, t.Distance, t.Fused ? "fused" : "reviewer_only", t.LogLikelihoodRatio, t.Flagged)
            : null;
        return ([.. stored.Flags.Select(f => new ReviewedFlag(f.Kind.ToString(), f.Rule, f.Frames, f.Scores, f.Strength))], weak, freeText);
    }
}
