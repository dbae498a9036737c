using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Verification.Cli.Load;

/// <summary>
/// <c>verification load-test</c>: simulated course players against a running Host on this machine, each with a learner
/// of its own enrolled through the API, in a sweep of steps; per step the frames analysed per second, frame-to-result
/// latency, shed frames, errors by kind, typing checks, verdicts and the Host's CPU and memory, as JSON and a plot,
/// and the capacity: the largest step whose p99 stayed under the bound.
/// </summary>
internal sealed class LoadTestCommand : AsyncCommand<LoadTestSettings>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public override async Task<int> ExecuteAsync(CommandContext context, LoadTestSettings settings, CancellationToken cancellationToken)
    {
        // Ctrl+C stops the sweep and writes the report so far, instead of killing the process mid-write.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(settings, interrupted.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> RunAsync(LoadTestSettings settings, CancellationToken cancellationToken)
    {
        LoadPeople people;
        try
        {
            people = LoadPeople.Load(settings.FacesDirectory, settings.TypingFile);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or FormatException)
        {
            AnsiConsole.MarkupLine("[red]{0}[/]", Markup.Escape(e.Message));
            return 2;
        }

        var steps = settings.Steps;
        var runId = Guid.NewGuid().ToString("N")[..8];
        var startedAt = DateTimeOffset.UtcNow;
        using var http = new HttpClient { Timeout = LoadPlayer.CallTimeout };
        var enrolling = Stopwatch.StartNew();
        IReadOnlyList<LoadLearner> learners;
        try
        {
            learners = await EnrollAsync(http, settings, people, runId, steps.Max(), cancellationToken);
        }
        catch (Exception e) when (e is LoadRefusedException or HttpRequestException or OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[red]Enrollment failed:[/] {0}", Markup.Escape(e.Message));
            return 1;
        }

        var enrollment = new LoadEnrollmentReport(learners.Count, enrolling.Elapsed.TotalSeconds, people.PeopleCount);
        AnsiConsole.MarkupLine("Enrolled {0} learners through the API in {1:F0} s ({2} LFW people)", learners.Count, enrollment.Seconds, people.PeopleCount);

        var step = new LoadStep(settings, people, learners, runId);
        var reports = new List<LoadStepReport>();
        foreach (var players in steps)
        {
            var expected = players * LoadStep.FramesPerPlayer(settings);
            LoadStepReport? report = null;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"{players} players: frames sent", maxValue: expected);
                report = await step.RunAsync(http, players, () => task.Increment(1), cancellationToken);
                task.Value = task.MaxValue;
            });
            reports.Add(report!);
            Summarise(report!);
            if (cancellationToken.IsCancellationRequested || report!.Errors.ContainsKey("host_exited") || report.Sessions.Started == 0)
            {
                break;
            }
        }

        var sweep = new LoadReport(startedAt, settings.IntervalSeconds, settings.StepSeconds, settings.P99BoundMs, enrollment, reports)
        {
            Completed = reports.Count == steps.Count && !cancellationToken.IsCancellationRequested,
        };
        Directory.CreateDirectory(settings.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "load.json"), JsonSerializer.Serialize(sweep, Json), CancellationToken.None);
        LoadPlot.Save(sweep, Path.Combine(settings.OutputDirectory, "load-sweep.png"));
        AnsiConsole.MarkupLine(
            sweep.CapacityPlayers is { } capacity
                ? $"Capacity: {capacity} players at one frame every {settings.IntervalSeconds:0.##} s (p99 under {settings.P99BoundMs:F0} ms, no errors)"
                : $"Capacity: no step stayed under p99 {settings.P99BoundMs:F0} ms without errors");
        if (!sweep.Completed)
        {
            AnsiConsole.MarkupLine("[yellow]The sweep stopped after {0} of {1} steps.[/]", reports.Count, steps.Count);
        }

        return sweep.Completed && reports.All(r => r.ErrorCount == 0) ? 0 : 1;
    }

    private static async Task<IReadOnlyList<LoadLearner>> EnrollAsync(HttpClient http, LoadTestSettings settings, LoadPeople people, string runId, int count, CancellationToken cancellationToken)
    {
        var enrollment = new LoadEnrollment(http, settings, people, runId);
        var learners = new LoadLearner[count];
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("learners enrolled", maxValue: count);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = settings.EnrollParallel, CancellationToken = cancellationToken },
                async (player, cancel) =>
                {
                    learners[player] = await enrollment.EnrollAsync(player, cancel);
                    task.Increment(1);
                });
        });
        return learners;
    }

    private static void Summarise(LoadStepReport report)
    {
        AnsiConsole.MarkupLine(
            "{0} players: {1} frames sent, {2} analysed ({3:F1}/s), result after p50 {4:F0} ms, p95 {5:F0} ms, p99 {6:F0} ms, max {7:F0} ms; {8} shed; {9} errors{10}",
            report.Players, report.FramesSent, report.FramesAnalysed, report.FramesAnalysedPerSecond, report.LatencyMs.P50, report.LatencyMs.P95,
            report.LatencyMs.P99, report.LatencyMs.Max, report.FramesShed, report.ErrorCount,
            Markup.Escape(report.ErrorCount == 0 ? "" : " (" + string.Join(", ", report.Errors.Select(e => $"{e.Key} {e.Value}")) + ")"));
        if (report.Host is { } host)
        {
            AnsiConsole.MarkupLine(
                "  Host: {0:F2} cores busy, {1} frames/s per core; RSS {2:F0} MB before, {3:F0} MB peak, {4:F0} MB after",
                host.CoresUsed, host.FramesPerSecondPerCore is { } perCore ? perCore.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-",
                host.RssBeforeMb, host.RssPeakMb, host.RssAfterMb);
        }
    }
}
