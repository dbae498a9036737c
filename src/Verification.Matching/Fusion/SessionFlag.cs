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

    /// <summary>The evidence does not cover the session: too few analysed frames, a stretch without one, a frame acknowledged
    /// and never analysed, or no usable typing check where one was asked for. A gap in what was seen, not a sign of fraud.</summary>
    InsufficientEvidence,

    /// <summary>The analysis of a frame failed (a fault of the service or a crafted frame); the frames behind it are named.</summary>
    AnalysisFailed,

    /// <summary>The service stopped (crash, restart) while the session was open; it was closed at the next start.</summary>
    SessionInterrupted,

    /// <summary>The learner withdrew consent during the session: nothing after it was checked. Not a fraud flag.</summary>
    ConsentWithdrawn,
}

/// <summary>A raised flag: the rule, the frames (or typing checks) that stand behind it, and the scores it saw.</summary>
public sealed record SessionFlag(SessionFlagKind Kind, string Rule, IReadOnlyList<int> Frames, IReadOnlyList<double> Scores, double Strength);
