using System.Diagnostics;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Face.Sessions;

/// <summary>
/// Builds one session per candidate level and times them on synthetic input of the model's shape, interleaved round by
/// round so a burst of load from elsewhere hits every candidate alike; warm-up rounds are discarded, the medians compared.
/// Every run and every build checks the deadline first, so a measurement overruns it by at most one step. A candidate
/// whose median is already <see cref="DropFactor"/> times the best stops being run, leaving the time to the close ones.
/// A winner is named only when every candidate still running has <c>minRuns</c> timed runs: the deadline's partial last
/// round gives one candidate an extra run, and counting only that one would crown it however slow it is.
/// </summary>
internal sealed class SessionTuner(int warmupRounds = 1, int minRuns = 3, int maxRuns = 11)
{
    private const double DropFactor = 1.5;

    /// <summary>Today's level first: it is the one kept when the budget allows no measurement.</summary>
    public static IReadOnlyList<GraphOptimization> Candidates { get; } =
        [GraphOptimization.All, GraphOptimization.Extended, GraphOptimization.Basic, GraphOptimization.Disabled];

    public int MinRuns => minRuns;

    /// <summary>Timed runs each candidate gets when the budget allows: what a model's share of the budget is sized for.</summary>
    public int RunsPerCandidate => warmupRounds + maxRuns;

    /// <summary>One run's time after one untimed run: a rough cost that sizes each model's share of the budget.</summary>
    public static double Probe(OnnxModel model)
    {
        var (input, outputs) = Buffers(model, new Random(19));
        model.Run(input, outputs);
        var start = Stopwatch.GetTimestamp();
        model.Run(input, outputs);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    public (OnnxModel Model, SessionChoice Choice) Measure(FaceModelKind kind, Func<GraphOptimization, OnnxModel> build, TimeSpan budget)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        return Measure(kind, build(Candidates[0]), build, deadline);
    }

    /// <summary>Measures <paramref name="first"/> (built at <c>Candidates[0]</c>) against the other candidates until <paramref name="budget"/> is spent.</summary>
    public (OnnxModel Model, SessionChoice Choice) Measure(FaceModelKind kind, OnnxModel first, Func<GraphOptimization, OnnxModel> build, TimeSpan budget) =>
        Measure(kind, first, build, Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency));

    private (OnnxModel Model, SessionChoice Choice) Measure(FaceModelKind kind, OnnxModel first, Func<GraphOptimization, OnnxModel> build, long deadline)
    {
        var built = new List<OnnxModel>(Candidates.Count) { first };
        OnnxModel? kept = null;
        try
        {
            for (var c = 1; c < Candidates.Count && Stopwatch.GetTimestamp() < deadline; c++)
            {
                built.Add(build(Candidates[c]));
            }

            var (timings, dropped) = Time(built, deadline);
            var candidates = new List<SessionCandidateTiming>(built.Count);
            for (var i = 0; i < built.Count; i++)
            {
                if (timings[i].Count > 0)
                {
                    candidates.Add(new SessionCandidateTiming(built[i].Level, Median(timings[i]), timings[i].Count));
                }
            }

            var best = Fastest(timings, dropped, minRuns);
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

    /// <summary>The index of the lowest median among the candidates not dropped, or -1 when one of them has fewer than <paramref name="minRuns"/> runs.</summary>
    internal static int Fastest(IReadOnlyList<List<double>> timings, IReadOnlyList<bool> dropped, int minRuns)
    {
        var best = -1;
        var bestMedian = double.PositiveInfinity;
        for (var i = 0; i < timings.Count; i++)
        {
            if (dropped[i])
            {
                continue;
            }

            if (timings[i].Count < minRuns)
            {
                return -1;
            }

            var median = Median(timings[i]);
            if (median < bestMedian)
            {
                best = i;
                bestMedian = median;
            }
        }

        return best;
    }

    private (List<double>[] Timings, bool[] Dropped) Time(List<OnnxModel> models, long deadline)
    {
        var timings = new List<double>[models.Count];
        var inputs = new float[models.Count][];
        var outputs = new Memory<float>[models.Count][];
        var random = new Random(19);
        for (var i = 0; i < models.Count; i++)
        {
            timings[i] = new List<double>(maxRuns);
            (inputs[i], outputs[i]) = Buffers(models[i], random);
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
                    return (timings, dropped);
                }

                models[i].Run(inputs[i], outputs[i]);
                if (round >= warmupRounds)
                {
                    timings[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }

        return (timings, dropped);
    }

    private static (float[] Input, Memory<float>[] Outputs) Buffers(OnnxModel model, Random random)
    {
        var input = new float[model.InputLength];
        for (var j = 0; j < input.Length; j++)
        {
            input[j] = random.NextSingle();
        }

        var outputs = new Memory<float>[model.OutputCount];
        for (var j = 0; j < outputs.Length; j++)
        {
            outputs[j] = new float[model.OutputLengths[j]];
        }

        return (input, outputs);
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
