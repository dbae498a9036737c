namespace Verification.Proctoring.Reviews;

/// <summary>Why a reviewer may not take or decide a case now; <see cref="Open"/> when they may.</summary>
internal enum CaseGate
{
    Open,
    NotFound,
    Decided,
    ClaimedByAnother,
    SeniorOnly,
    RejectedByThisReviewer,
}

/// <summary>A case as the claim and the decision see it, locked in their transaction.</summary>
internal sealed record GatedCase(string Status, Guid SessionId, Guid LearnerId, Guid CourseId, Guid? ClaimedBy, DateTime? ClaimExpiresAt, Guid? AppealExcludes)
{
    public const string SelectForUpdate = """
        SELECT status AS "Status", session_id AS "SessionId", learner_id AS "LearnerId", course_id AS "CourseId",
               claimed_by AS "ClaimedBy", claim_expires_at AS "ClaimExpiresAt", appeal_excludes AS "AppealExcludes"
        FROM proctoring.review_cases WHERE id = @caseId FOR UPDATE
        """;

    /// <summary>Open and escalated cases can be taken; escalated ones by a senior only; an appealed one not by its rejecter; another's live claim blocks.</summary>
    public static CaseGate Check(GatedCase? row, Guid reviewerId, bool senior, DateTimeOffset now) => row switch
    {
        null => CaseGate.NotFound,
        { Status: not ("open" or "escalated") } => CaseGate.Decided,
        { Status: "escalated" } when !senior => CaseGate.SeniorOnly,
        { AppealExcludes: { } excluded } when excluded == reviewerId => CaseGate.RejectedByThisReviewer,
        { ClaimedBy: { } holder, ClaimExpiresAt: { } until } when holder != reviewerId && until > now.UtcDateTime => CaseGate.ClaimedByAnother,
        _ => CaseGate.Open,
    };
}
