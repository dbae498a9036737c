using Verification.Matching.Fusion;

namespace Verification.Research.Sessions;

/// <summary>
/// How one simulated session ended. <paramref name="FirstFlagAfterSwap"/> counts impostor frames (1 = the first frame
/// after the swap) up to the first flag of any kind; <paramref name="TypingMismatchAtCheck"/> is the 1-based check that
/// raised the typing flag; <paramref name="WeakTyping"/> whether the verdict recorded weak typing evidence (no flag).
/// </summary>
public sealed record SessionOutcome(
    int User,
    SessionKind Kind,
    SessionVerdictKind Verdict,
    IReadOnlyList<SessionFlagKind> Flags,
    int? FirstFlagAfterSwap,
    int? TypingMismatchAtCheck,
    IReadOnlyList<double> OwnFaceScores,
    IReadOnlyList<double> OtherFaceScores,
    IReadOnlyList<double> TypingLlrs,
    bool WeakTyping,
    bool RefinedTyping = false);
