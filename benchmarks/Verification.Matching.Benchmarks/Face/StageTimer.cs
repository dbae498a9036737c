using System.Diagnostics;
using System.Globalization;
using System.Text;
using Verification.Matching.Face;
using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// <c>-- --stages [iterations]</c>: a Stopwatch run of <see cref="FrameStages"/> on the benchmark frame. Each iteration
/// times every stage of one frame in order, then the whole frame through the engine, then each model alone three times
/// in a row on its own real input (the third, warm, is kept); medians over the iterations. Everything is measured in
/// the same loop, so load from other work on a shared machine hits the stages alike: compare rows, not runs.
/// </summary>
internal static class StageTimer
{
    public static void Run(string root, int iterations)
    {
        var options = new FaceOptions { Sessions = { MeasureBudgetMilliseconds = 10_000 } };
        using var engine = FaceEngine.Load(Path.Combine(root, "models"), options);
        using var stages = new FrameStages(engine, BenchmarkFrame.Create(root), options.Session);
        var check = stages.WholeFrame();
        if (check.Rejection is not null || check.Embedding is null)
        {
            throw new InvalidOperationException($"The benchmark frame is not accepted: {check.Rejection?.Code}.");
        }

        (string Name, bool Model, Action Step)[] steps =
        [
            ("decode", false, stages.Decode),
            ("detect prepare", false, stages.DetectPrepare),
            ("detect run", true, stages.DetectRun),
            ("detect read + select", false, stages.DetectRead),
            ("landmark prepare #1", false, stages.LandmarkPrepare),
            ("landmark run #1", true, stages.LandmarkRun),
            ("landmark read #1", false, stages.LandmarkRead),
            ("landmark prepare #2", false, stages.LandmarkPrepare),
            ("landmark run #2", true, stages.LandmarkRun),
            ("landmark read #2", false, stages.LandmarkRead),
            ("align (warpAffine)", false, stages.Align),
            ("image stats", false, stages.ImageStats),
            ("liveness prepare", false, stages.LivenessPrepare),
            ("pose prepare", false, stages.PosePrepare),
            ("embedding prepare", false, stages.EmbedPrepare),
            ("embedding run", true, stages.EmbedRun),
            ("embedding read", false, stages.EmbedRead),
            ("liveness run", true, stages.LivenessRun),
            ("pose run", true, stages.PoseRun),
            ("eye prepare #1", false, () => stages.EyePrepare(36)),
            ("eye run #1", true, stages.EyeRun),
            ("eye prepare #2", false, () => stages.EyePrepare(42)),
            ("eye run #2", true, stages.EyeRun),
        ];
        var models = FrameStages.ModelUse;
        var stepTimes = steps.Select(_ => new double[iterations]).ToArray();
        var modelTimes = models.Select(_ => new double[iterations]).ToArray();
        var whole = new double[iterations];
        var staged = new double[iterations];
        for (var warm = 0; warm < 20; warm++)
        {
            stages.RunAll();
            stages.WholeFrame();
        }

        for (var i = 0; i < iterations; i++)
        {
            for (var s = 0; s < steps.Length; s++)
            {
                var start = Stopwatch.GetTimestamp();
                steps[s].Step();
                stepTimes[s][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                staged[i] += stepTimes[s][i];
            }

            var frameStart = Stopwatch.GetTimestamp();
            stages.WholeFrame();
            whole[i] = Stopwatch.GetElapsedTime(frameStart).TotalMilliseconds;
            for (var m = 0; m < models.Count; m++)
            {
                stages.RunModel(models[m].Kind);
                stages.RunModel(models[m].Kind);
                var start = Stopwatch.GetTimestamp();
                stages.RunModel(models[m].Kind);
                modelTimes[m][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        var text = new StringBuilder();
        text.AppendLine(Invariant($"## Whole-frame stages, medians of {iterations} iterations (ms)"));
        text.AppendLine();
        text.AppendLine("| stage | median | p90 |");
        text.AppendLine("|---|---|---|");
        double outside = 0, inside = 0;
        for (var s = 0; s < steps.Length; s++)
        {
            var median = Percentile(stepTimes[s], 0.5);
            text.AppendLine(Invariant($"| {steps[s].Name} | {median:0.000} | {Percentile(stepTimes[s], 0.9):0.000} |"));
            if (steps[s].Model)
            {
                inside += median;
            }
            else
            {
                outside += median;
            }
        }

        double alone = 0;
        for (var m = 0; m < models.Count; m++)
        {
            var median = Percentile(modelTimes[m], 0.5);
            alone += models[m].PerFrame * median;
            text.AppendLine(Invariant($"| {models[m].Kind} alone, warm{(models[m].PerFrame > 1 ? $" (×{models[m].PerFrame} per frame)" : "")} | {median:0.000} | {Percentile(modelTimes[m], 0.9):0.000} |"));
        }

        var wholeMedian = Percentile(whole, 0.5);
        text.AppendLine(Invariant($"| whole frame (engine) | {wholeMedian:0.000} | {Percentile(whole, 0.9):0.000} |"));
        text.AppendLine(Invariant($"| whole frame (stages in a row) | {Percentile(staged, 0.5):0.000} | {Percentile(staged, 0.9):0.000} |"));
        text.AppendLine();
        text.AppendLine(Invariant($"Outside the models (sum of stage medians): {outside:0.000} ms; model runs in the frame: {inside:0.000} ms; model runs alone, warm: {alone:0.000} ms."));
        text.AppendLine(Invariant($"Whole frame / models alone = {wholeMedian / alone:0.000}; (outside + models alone) / models alone = {(outside + alone) / alone:0.000}."));
        text.AppendLine("Sessions: " + string.Join("; ", engine.SessionChoices.Select(c => $"{c.Model} {c.Level}")));
        Console.WriteLine(text);
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Round(p * (sorted.Length - 1)))];
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
