using System.Diagnostics;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Face.Sessions;

/// <summary>
/// Builds one session per candidate level and times them on synthetic input of the model's shape, interleaved round by
/// round so a burst of load from elsewhere hits every candidate alike; warm-up rounds are discarded, the medians compared.
/// Every run and every build checks the deadline first, so a measurement overruns it by at most one step. A candidate
/// whose median is already <see cref="DropFactor"/> times the best stops being run, leaving the time to the close ones.
/// </summary>
internal sealed class SessionTuner(int warmupRounds = 1, int minRuns = 3, int maxRuns = 11)
{
    private const double DropFactor = 1.5;

    /// <summary>Today's level first: it is the one kept when the budget allows no measurement.</summary>
    public static IReadOnlyList<GraphOptimization> Candidates { get; } =
        [GraphOptimization.All, GraphOptimization.Extended, GraphOptimization.Basic, GraphOptimization.Disabled];

    public int MinRuns => minRuns;

    public (OnnxModel Model, SessionChoice Choice) Measure(FaceModelKind kind, Func<GraphOptimization, OnnxModel> build, TimeSpan budget)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        var built = new List<OnnxModel>(Candidates.Count);
        OnnxModel? kept = null;
        try
        {
            foreach (var level in Candidates)
            {
                if (built.Count > 0 && Stopwatch.GetTimestamp() >= deadline)
                {
                    break;
                }

                built.Add(build(level));
            }

            var timings = Time(built, deadline);
            var candidates = new List<SessionCandidateTiming>(built.Count);
            var best = -1;
            var bestMedian = double.PositiveInfinity;
            for (var i = 0; i < built.Count; i++)
            {
                if (timings[i].Count == 0)
                {
                    continue;
                }

                var median = Median(timings[i]);
                candidates.Add(new SessionCandidateTiming(built[i].Level, median, timings[i].Count));
                if (timings[i].Count >= minRuns && median < bestMedian)
                {
                    best = i;
                    bestMedian = median;
                }
            }

            kept = built[Math.Max(best, 0)];
            var source = best < 0 ? SessionChoiceSource.Unmeasured : SessionChoiceSource.Measured;
            return (kept, new SessionChoice(kind, kept.Level, source, candidates));
        }
        finally
        {
            foreach (var model in built)
            {
                if (!ReferenceEquals(model, kept))
                {
                    model.Dispose();
                }
            }
        }
    }

    private List<double>[] Time(List<OnnxModel> models, long deadline)
    {
        var timings = new List<double>[models.Count];
        var inputs = new float[models.Count][];
        var outputs = new Memory<float>[models.Count][];
        var random = new Random(19);
        for (var i = 0; i < models.Count; i++)
        {
            timings[i] = new List<double>(maxRuns);
            inputs[i] = new float[models[i].InputLength];
            for (var j = 0; j < inputs[i].Length; j++)
            {
                inputs[i][j] = random.NextSingle();
            }

            outputs[i] = new Memory<float>[models[i].OutputCount];
            for (var j = 0; j < outputs[i].Length; j++)
            {
                outputs[i][j] = new float[models[i].OutputLengths[j]];
            }
        }

        var dropped = new bool[models.Count];
        for (var round = 0; round < warmupRounds + maxRuns; round++)
        {
            if (round >= warmupRounds + minRuns)
            {
                DropSlow(timings, dropped);
            }

            for (var k = 0; k < models.Count; k++)
            {
                // Each round starts at a different candidate, so none always runs right after the slowest.
                var i = (round + k) % models.Count;
                if (dropped[i])
                {
                    continue;
                }

                var start = Stopwatch.GetTimestamp();
                if (start >= deadline)
                {
                    return timings;
                }

                models[i].Run(inputs[i], outputs[i]);
                if (round >= warmupRounds)
                {
                    timings[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }

        return timings;
    }

    private static void DropSlow(List<double>[] timings, bool[] dropped)
    {
        var best = double.PositiveInfinity;
        foreach (var runs in timings)
        {
            best = Math.Min(best, Median(runs));
        }

        for (var i = 0; i < timings.Length; i++)
        {
            dropped[i] |= Median(timings[i]) > DropFactor * best;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
