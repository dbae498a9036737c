using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Verification.Cli.Load;

/// <summary>
/// <c>verification load-test</c>: N simulated players against a running Host on this machine; reports the time from
/// sending a frame to its result (median, p95, p99), throughput and shed frames, as JSON and a latency histogram.
/// </summary>
internal sealed class LoadTestCommand : AsyncCommand<LoadTestSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LoadTestSettings settings, CancellationToken cancellationToken)
    {
        var frames = Directory.EnumerateFiles(settings.FramesDirectory, "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        if (frames.Count == 0)
        {
            AnsiConsole.MarkupLine("[red]No .jpg frames in[/] {0}", Markup.Escape(settings.FramesDirectory));
            return 2;
        }

        using var http = new HttpClient();
        var clients = Enumerable.Range(0, settings.Clients).Select(i => new LoadClient(settings, frames, i)).ToList();
        var expected = (int)(settings.Clients * settings.Seconds * settings.FramesPerSecond);
        var memory = settings.HostPid is { } pid ? new HostMemory(pid) : null;
        memory?.Start();
        var started = DateTime.UtcNow;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("frames sent", maxValue: expected);
            var run = Task.WhenAll(clients.Select(c => c.RunAsync(http, () => task.Increment(1), cancellationToken)));
            await (memory?.SampleUntilAsync(run) ?? Task.CompletedTask);
            await run;
        });
        if (memory is not null)
        {
            await memory.SettleAsync(TimeSpan.FromSeconds(settings.SettleSeconds));
        }

        var elapsed = (DateTime.UtcNow - started).TotalSeconds;
        var latencies = clients.SelectMany(c => c.LatenciesMs).Order().ToArray();
        var report = LoadReport.From(settings, latencies, clients.Sum(c => c.Sent), clients.Sum(c => c.Shed), elapsed, [.. clients.Select(c => c.FinalVerdict ?? "none")]) with
        {
            HostMemoryMb = memory is null ? null : [memory.BeforeKb / 1024.0, memory.PeakKb / 1024.0, memory.AfterKb / 1024.0],
        };
        Directory.CreateDirectory(settings.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "load.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        LoadReport.Plot(latencies, Path.Combine(settings.OutputDirectory, "load-latency.png"));
        AnsiConsole.MarkupLine(
            "{0} clients, {1} frames: result after median {2:F1} ms, p95 {3:F1} ms, p99 {4:F1} ms; {5:F1} frames/s analysed; {6} shed",
            settings.Clients, report.FramesSent, report.MedianMs, report.P95Ms, report.P99Ms, report.ResultsPerSecond, report.FramesShed);
        if (memory is not null)
        {
            AnsiConsole.MarkupLine(
                "Host memory (RSS): {0:F0} MB before, {1:F0} MB at peak, {2:F0} MB {3} s after the sessions ended; {4:F1} MB per session at peak",
                memory.BeforeKb / 1024.0, memory.PeakKb / 1024.0, memory.AfterKb / 1024.0, settings.SettleSeconds, (memory.PeakKb - memory.BeforeKb) / 1024.0 / settings.Clients);
        }
        return 0;
    }
}
