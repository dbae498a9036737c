namespace Verification.Matching.Fusion;

/// <summary>What a session can be flagged for; each flag names the rule that fired and its evidence.</summary>
public enum SessionFlagKind
{
    NoFace,
    SeveralFaces,
    FaceMismatch,
    SuspectedSpoof,
    TypingMismatch,
    CameraBlocked,
    StreamGap,
}

/// <summary>A raised flag: the rule, the frames (or typing checks) that stand behind it, and the scores it saw.</summary>
public sealed record SessionFlag(SessionFlagKind Kind, string Rule, IReadOnlyList<int> Frames, IReadOnlyList<double> Scores, double Strength);
