namespace Verification.Matching.Fusion;

/// <summary>The machine says Verified or NeedsReview; only a reviewer says Rejected.</summary>
public enum SessionVerdictKind
{
    Verified,
    NeedsReview,
}

public enum ReviewPriority
{
    None,
    Low,
    Normal,
    High,
}

public sealed record SessionVerdict(SessionVerdictKind Kind, ReviewPriority Priority, IReadOnlyList<SessionFlag> Flags, double FaceEvidence, int FramesAnalysed, int FramesMatched)
{
    /// <summary>Typing that leans against the learner without reaching the flag: for the reviewer, never a reason to review.</summary>
    public WeakTypingEvidence? WeakTyping { get; init; }
}
