using Verification.Matching.Keystroke.FreeText;

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

    /// <summary>
    /// The free-text evidence of the session's text answers, when there was enough typing to judge: negative evidence
    /// above its flag level is weak, for the reviewer and never a reason to review by itself.
    /// </summary>
    public FreeTextEvidence? FreeText { get; init; }

    /// <summary>Free-text typing leaned against the learner without reaching the flag.</summary>
    public bool WeakFreeText => FreeText is { Flags: false, LogLikelihoodRatio: < 0 };
}
