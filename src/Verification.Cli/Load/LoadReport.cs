namespace Verification.Cli.Load;

internal sealed record LoadReport(int Clients, double FramesPerSecondPerClient, int Seconds, int FramesSent, int Results, int FramesShed, double MedianMs, double P95Ms, double P99Ms, double MaxMs, double ResultsPerSecond, IReadOnlyList<string> Verdicts)
{
    /// <summary>Host resident memory in MB (before, peak, after settling) when --host-pid was given.</summary>
    public double[]? HostMemoryMb { get; init; }

    public static LoadReport From(LoadTestSettings settings, double[] sortedLatencies, int sent, int shed, double elapsedSeconds, IReadOnlyList<string> verdicts) => new(
        settings.Clients,
        settings.FramesPerSecond,
        settings.Seconds,
        sent,
        sortedLatencies.Length,
        shed,
        Percentile(sortedLatencies, 0.50),
        Percentile(sortedLatencies, 0.95),
        Percentile(sortedLatencies, 0.99),
        sortedLatencies.Length == 0 ? 0 : sortedLatencies[^1],
        sortedLatencies.Length / elapsedSeconds,
        verdicts);

    public static void Plot(double[] latencies, string path)
    {
        var plot = new ScottPlot.Plot();
        if (latencies.Length > 0)
        {
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(40, latencies);
            plot.Add.Histogram(histogram);
        }

        plot.Title("Frame sent → FrameResult received");
        plot.XLabel("milliseconds");
        plot.YLabel("frames");
        plot.SavePng(path, 900, 500);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
