namespace Verification.Matching.Face.Sessions;

/// <summary>Why a model runs with the level it has.</summary>
public enum SessionChoiceSource
{
    /// <summary>Set in configuration; not measured.</summary>
    Configured,

    /// <summary>The fastest median of the candidates measured at start-up.</summary>
    Measured,

    /// <summary>The budget ran out before every candidate still measured had enough timed runs; the first candidate is kept.</summary>
    Unmeasured,
}

/// <summary>One candidate's timed runs at start-up (warm-up runs excluded).</summary>
public sealed record SessionCandidateTiming(GraphOptimization Level, double MedianMilliseconds, int Runs);

/// <summary>The level a model runs with, where it came from, and what was measured to choose it.</summary>
public sealed record SessionChoice(
    FaceModelKind Model,
    GraphOptimization Level,
    SessionChoiceSource Source,
    IReadOnlyList<SessionCandidateTiming> Candidates)
{
    /// <summary>The chosen level's median, when it was measured.</summary>
    public double? MedianMilliseconds
    {
        get
        {
            foreach (var candidate in Candidates)
            {
                if (candidate.Level == Level)
                {
                    return candidate.MedianMilliseconds;
                }
            }

            return null;
        }
    }
}
