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

    /// <summary>
    /// Time between the typing checks the monitor asks for, until the session has had the number its typing rule was
    /// chosen for (<see cref="FusionOptions.TypingChecksPerSession"/>, from models/session-score-models.json). A session
    /// shorter than that many intervals has fewer checks: its typing evidence is weaker, never stricter.
    /// </summary>
    public int TypingCheckIntervalSeconds { get; set; } = 180;

    /// <summary>Frames waiting for analysis beyond the one in progress; older ones are dropped first.</summary>
    public int FrameQueueCapacity { get; set; } = 1;

    /// <summary>Recent frames kept in memory so that a flag can keep the frames it names as evidence.</summary>
    public int EvidenceWindow { get; set; } = 8;

    /// <summary>
    /// Frames analysed at once across all sessions (0: one per core). Each analysis holds a decoded image and model
    /// buffers, so this, not the number of sessions, bounds the memory analyses take; waiting frames are shed per session.
    /// </summary>
    public int MaxConcurrentAnalyses { get; set; }

    /// <summary>Sessions one learner may have open at once (two tabs of two assessments); one more is refused with <c>session_limit</c>.</summary>
    public int MaxLiveSessionsPerLearner { get; set; } = 2;

    /// <summary>Final verdicts held in memory while PostgreSQL is unreachable; past this, <c>EndSession</c> waits for room.</summary>
    public int PendingVerdictCapacity { get; set; } = 1000;

    public FusionOptions Fusion { get; set; } = new();

    /// <summary>The settings that would break a promise of docs/player-protocol.md, each with its reason; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Fusion.Coverage.Problems().Select(p => "Fusion:Coverage:" + p));
        if (MaxFrameBytes is < 1024 or > 16 * 1024 * 1024)
        {
            problems.Add($"MaxFrameBytes is {MaxFrameBytes}: frames are held in memory per session; use 1 KB to 16 MB (default 1 MB).");
        }

        if (EvidenceWindow is < 1 or > 32)
        {
            problems.Add($"EvidenceWindow is {EvidenceWindow}: each session holds this many frames; use 1 to 32 (default 8).");
        }

        if (FrameQueueCapacity is < 1 or > 16)
        {
            problems.Add($"FrameQueueCapacity is {FrameQueueCapacity}: frames waiting per session; use 1 to 16 (default 1).");
        }

        if (MaxLiveSessionsPerLearner is < 1 or > 200)
        {
            problems.Add($"MaxLiveSessionsPerLearner is {MaxLiveSessionsPerLearner}: use 1 to 200 (default 2; more only for load tests of one learner).");
        }

        if (PendingVerdictCapacity < 1)
        {
            problems.Add($"PendingVerdictCapacity is {PendingVerdictCapacity}: at least one verdict must be able to wait for the database.");
        }

        foreach (var (name, frames) in FrameRuns())
        {
            if (frames < 1 || frames > EvidenceWindow)
            {
                problems.Add($"Fusion:{name} is {frames}: frames in a row before the flag; use 1 to EvidenceWindow ({EvidenceWindow}), so the frames a flag names are still held as its evidence.");
            }
        }

        if (TypingCheckIntervalSeconds < 30)
        {
            problems.Add($"TypingCheckIntervalSeconds is {TypingCheckIntervalSeconds}: at least 30, so a learner is not asked to type the pledge every few seconds.");
        }

        if (IdleTimeoutSeconds < 10 || StreamGapSeconds < 1)
        {
            problems.Add("IdleTimeoutSeconds must be 10 or more and StreamGapSeconds 1 or more: shorter ends or flags sessions on ordinary network jitter.");
        }

        return problems;
    }

    private (string Name, int Frames)[] FrameRuns() =>
    [
        (nameof(FusionOptions.NoFaceFrames), Fusion.NoFaceFrames),
        (nameof(FusionOptions.SeveralFacesFrames), Fusion.SeveralFacesFrames),
        (nameof(FusionOptions.SpoofFrames), Fusion.SpoofFrames),
        (nameof(FusionOptions.BlockedFrames), Fusion.BlockedFrames),
    ];
}
