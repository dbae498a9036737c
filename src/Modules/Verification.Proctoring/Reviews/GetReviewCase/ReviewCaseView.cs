using Verification.BuildingBlocks.Audit;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Reviews.ListReviewCases;

namespace Verification.Proctoring.Reviews.GetReviewCase;

/// <summary>Everything a reviewer decides on, except the pictures, which have their own audited addresses.</summary>
internal sealed record ReviewCaseView(
    Guid CaseId,
    ReviewCaseStatus Status,
    ReviewCasePriority Priority,
    DateTime OpenedAt,
    Guid? HeldBy,
    DateTime? HeldUntil,
    ReviewedSession Session,
    IReadOnlyList<ReviewedFlag> Flags,
    ReviewedWeakTyping? WeakTypingEvidence,
    ReviewedFreeText? FreeTextEvidence,
    IReadOnlyList<TimelineFrame> Timeline,
    IReadOnlyList<ReviewedTypingCheck> TypingChecks,
    IReadOnlyList<int> EvidenceFrames,
    bool IdPhotoAvailable,
    IReadOnlyList<int> EnrollmentFaces,
    IReadOnlyList<HistoryEntry> History,
    Appeal? Appeal,
    IReadOnlyList<EarlierCase> EarlierCases,
    IReadOnlyList<AuditTrailEntry> AuditTrail);

internal sealed record ReviewedSession(
    Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, int Attempt, string Status, DateTime StartedAt, DateTime? EndedAt,
    int FramesReceived, int FramesShed, string? TypingUnavailable);

/// <summary>A raised flag: its rule (with the threshold it compared against), the frames or typing checks behind it, the scores it saw.</summary>
internal sealed record ReviewedFlag(string Kind, string Rule, IReadOnlyList<int> Frames, IReadOnlyList<double> Scores, double Strength);

/// <summary>
/// Typing that leaned against the learner without reaching the typing flag: shown beside the flags, never a flag itself.
/// <see cref="Scores"/> are the checks' log-likelihood ratios (negative: more like someone else), <see cref="Evidence"/> their sum.
/// </summary>
internal sealed record ReviewedWeakTyping(string Rule, IReadOnlyList<int> Checks, IReadOnlyList<double> Scores, double Evidence, IReadOnlyList<int> NegativeChecks);

/// <summary>
/// The typing rhythm of the session's text answers against the learner's free-text profile: <see cref="KeyPresses"/>
/// typed, <see cref="TimingsCompared"/> timings shared with the profile and their <see cref="Distance"/> (in the
/// profile's own spreads, higher is less alike; null when nothing could be compared). <see cref="Use"/> is <c>fused</c>
/// when an operator-fitted model judged it (then <see cref="LogLikelihoodRatio"/>, negative: more like someone else,
/// and whether it <see cref="Flagged"/> the session) or <c>reviewer_only</c>: shown here, never a reason for review.
/// </summary>
internal sealed record ReviewedFreeText(int KeyPresses, int TimingsCompared, double? Distance, string Use, double? LogLikelihoodRatio, bool Flagged);

/// <summary>
/// One frame of the session: analysed (score, liveness, faces), or a gap (<see cref="Analysed"/> false) for a frame
/// received but shed or never analysed. <see cref="Offset"/> is seconds since the session started.
/// </summary>
internal sealed record TimelineFrame(int Frame, double? Offset, bool Analysed, int? FacesFound, double? MatchScore, double? Liveness, string? RejectionCode, bool Evidence);

/// <summary>
/// One typing check of the session against the learner's profile: usable or why not (<see cref="Code"/>), the
/// probability that the typist is the learner, and whether the check accepted it. <see cref="Offset"/> is seconds since
/// the session started. Never the key timings.
/// </summary>
internal sealed record ReviewedTypingCheck(int Check, double Offset, bool Usable, string? Code, double? GenuineProbability, bool? Accepted);

internal sealed record HistoryEntry(string Decision, string Note, Guid ReviewerId, DateTime DecidedAt);

internal sealed record Appeal(DateTime AppealedAt, string Reason, Guid? ExcludedReviewer);

internal sealed record EarlierCase(Guid CaseId, string AssessmentId, DateTime OpenedAt, ReviewCaseStatus Status, string[] Flags);
