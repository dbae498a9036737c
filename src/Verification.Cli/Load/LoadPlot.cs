namespace Verification.Cli.Load;

/// <summary>load-sweep.png: frame-to-result p50, p95 and p99 (left axis) and frames analysed per second (right axis) against players.</summary>
internal static class LoadPlot
{
    public static void Save(LoadReport report, string path)
    {
        var plot = new ScottPlot.Plot();
        double[] players = [.. report.Steps.Select(s => (double)s.Players)];
        AddLine(plot, players, [.. report.Steps.Select(s => s.LatencyMs.P50)], "p50 (ms)");
        AddLine(plot, players, [.. report.Steps.Select(s => s.LatencyMs.P95)], "p95 (ms)");
        AddLine(plot, players, [.. report.Steps.Select(s => s.LatencyMs.P99)], "p99 (ms)");
        var bound = plot.Add.HorizontalLine(report.P99BoundMs);
        bound.LinePattern = ScottPlot.LinePattern.Dashed;
        bound.LegendText = $"p99 bound {report.P99BoundMs:F0} ms";
        var throughput = AddLine(plot, players, [.. report.Steps.Select(s => s.FramesAnalysedPerSecond)], "frames analysed/s (right)");
        throughput.Axes.YAxis = plot.Axes.Right;
        plot.Title($"Players sending one frame every {report.IntervalSeconds:0.##} s, {report.StepSeconds} s per step");
        plot.XLabel("players");
        plot.YLabel("frame sent to FrameResult (ms)");
        plot.Axes.Right.Label.Text = "frames analysed per second";
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, 900, 500);
    }

    private static ScottPlot.Plottables.Scatter AddLine(ScottPlot.Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        return line;
    }
}
