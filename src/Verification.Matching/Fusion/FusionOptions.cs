namespace Verification.Matching.Fusion;

/// <summary>
/// How evidence accumulates in a session. The face score model is two normal distributions of the cosine score,
/// taken from the LFW score distributions of the reference pipeline (shared FACE-MODELS.md §5, 5-point similarity:
/// genuine 0.62 ± 0.16, impostor 0.01 ± 0.10); the kept pipeline separates better, so these are on the cautious side.
/// The log-likelihood ratio of a frame is the log of their density ratio, clipped so that one frame never decides alone.
/// </summary>
public sealed class FusionOptions
{
    public double GenuineMean { get; set; } = 0.64;

    public double GenuineSd { get; set; } = 0.15;

    public double ImpostorMean { get; set; } = 0.01;

    public double ImpostorSd { get; set; } = 0.10;

    /// <summary>One frame moves the evidence by at most this many nats.</summary>
    public double FrameLlrLimit { get; set; } = 6;

    /// <summary>Per-frame decay of older evidence: recent frames dominate, so a swap mid-session shows within a few frames.</summary>
    public double Decay { get; set; } = 0.6;

    /// <summary>Decayed evidence below this raises face mismatch (about two frames that each look strongly like another person).</summary>
    public double MismatchEvidence { get; set; } = -7;

    /// <summary>Frames in a row with no face before the flag: one glance away is normal.</summary>
    public int NoFaceFrames { get; set; } = 3;

    public int SeveralFacesFrames { get; set; } = 2;

    public int SpoofFrames { get; set; } = 2;

    public double LivenessThreshold { get; set; } = 0.3;

    public int BlockedFrames { get; set; } = 3;

    /// <summary>Mean brightness (0-255) under which a frame counts as black.</summary>
    public double BlackFrameBrightness { get; set; } = 12;

    /// <summary>Summed typing log-likelihood ratio below which typing mismatch is raised.</summary>
    public double TypingMismatchEvidence { get; set; } = -2;

    /// <summary>What a session's evidence must cover before it may end Verified (docs/player-protocol.md §5).</summary>
    public EvidenceCoverageOptions Coverage { get; set; } = new();
}
