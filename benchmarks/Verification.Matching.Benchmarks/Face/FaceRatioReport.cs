using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// After a run: each model's median at every level, the best of each, their sum as one frame uses the models, and the
/// whole frame against that sum (goal under 1.10). Printed and written to BenchmarkDotNet.Artifacts/results/face-ratio.md.
/// </summary>
internal static class FaceRatioReport
{
    private const double Goal = 1.10;

    // How often one frame runs each benchmarked call: the landmark model twice (second pass); Eyes already runs both.
    private static readonly (string Method, int PerFrame)[] FrameUse =
        [("Detect", 1), ("Landmark", 2), ("Embedding", 1), ("Liveness", 1), ("Eyes", 1), ("Pose", 1)];

    public static void Print(IEnumerable<Summary> summaries, string root)
    {
        var inference = new Dictionary<(string Method, GraphOptimization Level), double>();
        var frames = new Dictionary<(string Method, string Sessions), double>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is not { } statistics)
            {
                continue;
            }

            var descriptor = report.BenchmarkCase.Descriptor;
            var milliseconds = statistics.Median / 1e6;
            if (descriptor.Type == typeof(FaceBenchmarks))
            {
                inference[(descriptor.WorkloadMethod.Name, (GraphOptimization)report.BenchmarkCase.Parameters["Level"])] = milliseconds;
            }
            else if (descriptor.Type == typeof(WholeFrameFaceBenchmarks))
            {
                frames[(descriptor.WorkloadMethod.Name, (string)report.BenchmarkCase.Parameters["Sessions"])] = milliseconds;
            }
        }

        if (inference.Count == 0 && frames.Count == 0)
        {
            return;
        }

        var text = new StringBuilder("\n## Face: per-model medians (ms) by graph optimisation level, and the whole frame\n\n");
        var levels = SessionTuner.Candidates;
        text.AppendLine("| model | " + string.Join(" | ", levels) + " | best |");
        text.AppendLine("|---|" + string.Concat(levels.Select(_ => "---|")) + "---|");
        double sumBest = 0, sumAll = 0;
        foreach (var (method, perFrame) in FrameUse)
        {
            var row = levels.Select(l => inference.TryGetValue((method, l), out var v) ? (double?)v : null).ToArray();
            var best = row.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Min();
            var bestLevel = levels.Where((_, i) => row[i] == best).Select(l => l.ToString()).FirstOrDefault() ?? "-";
            sumBest += perFrame * best;
            sumAll += perFrame * (row[0] ?? double.NaN);
            text.AppendLine(Invariant($"| {method}{(perFrame > 1 ? $" (×{perFrame} per frame)" : "")} | {string.Join(" | ", row.Select(v => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-"))} | {best:0.000} ({bestLevel}) |"));
        }

        text.AppendLine();
        text.AppendLine(Invariant($"Sum of each model's best inference, as one frame uses them: {sumBest:0.000} ms (at All for every model: {sumAll:0.000} ms)."));
        foreach (var sessions in (string[])["All", WholeFrameFaceBenchmarks.Measured])
        {
            if (frames.TryGetValue(("WholeFrame", sessions), out var whole))
            {
                text.AppendLine(Invariant($"Whole frame, sessions {sessions}: {whole:0.000} ms; / sum of best = {whole / sumBest:0.00} (goal < {Goal:0.00})") +
                    (sessions == "All" ? Invariant($"; / sum at All = {whole / sumAll:0.00}") : ""));
            }

            if (frames.TryGetValue(("RefusedFrame", sessions), out var skipped) && frames.TryGetValue(("RefusedFrameFull", sessions), out var full))
            {
                text.AppendLine(Invariant($"Frame refused as blurred, sessions {sessions}: {skipped:0.000} ms with pose and eyes skipped, {full:0.000} ms with every model run ({(1 - (skipped / full)) * 100:0.0} % less)."));
            }
        }

        var choices = SessionChoiceLog.PathUnder(root);
        if (File.Exists(choices))
        {
            text.AppendLine().AppendLine("Levels each whole-frame benchmark process loaded with (measured at load unless All):");
            foreach (var line in File.ReadAllLines(choices))
            {
                text.AppendLine("- " + line);
            }
        }

        Console.WriteLine(text);
        File.WriteAllText(Path.Combine(root, "BenchmarkDotNet.Artifacts", "results", "face-ratio.md"), text.ToString());
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
