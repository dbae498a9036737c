using Verification.Matching.Fusion;

namespace Verification.Proctoring.Sessions.Live;

/// <summary><c>Proctoring:Sessions</c>: the player's pace, the limits the hub enforces and the fusion rules.</summary>
internal sealed class SessionSettings
{
    public const string SectionName = "Proctoring:Sessions";

    public int FrameIntervalSeconds { get; set; } = 5;

    /// <summary>No frame for this long raises stream gap (three missed frames at the default pace).</summary>
    public int StreamGapSeconds { get; set; } = 20;

    /// <summary>A session with no connection and no frame for this long ends as timed out.</summary>
    public int IdleTimeoutSeconds { get; set; } = 120;

    public int MaxFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>Frames waiting for analysis beyond the one in progress; older ones are dropped first.</summary>
    public int FrameQueueCapacity { get; set; } = 1;

    /// <summary>Recent frames kept in memory so that a flag can keep the frames it names as evidence.</summary>
    public int EvidenceWindow { get; set; } = 8;

    public FusionOptions Fusion { get; set; } = new();
}
