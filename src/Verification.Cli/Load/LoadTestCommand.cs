using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Verification.Cli.Load;

/// <summary>
/// <c>verification load-test</c>: simulated course players against a running Host on this machine, each with a learner
/// of its own enrolled through the API, in a sweep of steps; per step the frames analysed per second, frame-to-result
/// latency, shed frames, errors by kind, typing checks, answer typing batches, verdicts and the Host's CPU and memory,
/// as JSON and a plot, and the capacity: the largest step whose p99 stayed under the bound. Ctrl+C, SIGINT or SIGTERM
/// stop the sweep: the report and the plot are written for the steps done and the interrupted one (marked partial),
/// and it exits 130.
/// </summary>
internal sealed class LoadTestCommand : AsyncCommand<LoadTestSettings>
{
    /// <summary>The shell's code for a run ended by a signal (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public override async Task<int> ExecuteAsync(CommandContext context, LoadTestSettings settings, CancellationToken cancellationToken)
    {
        // The signal is taken here instead of ending the process, so the report of the run so far is written first.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            interrupted.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var code = await RunAsync(settings, interrupted.Token);
        return interrupted.IsCancellationRequested && code != 2 ? Interrupted : code;
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
        var enrollmentRetries = new LoadRetries();
        var reports = new List<LoadStepReport>();
        IReadOnlyList<LoadLearner> learners;
        try
        {
            learners = await EnrollAsync(http, settings, people, runId, steps.Max(), enrollmentRetries, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]Interrupted during enrollment.[/]");
            var none = new LoadEnrollmentReport(0, enrolling.Elapsed.TotalSeconds, people.PeopleCount) { Retries = enrollmentRetries.Report() };
            await WriteAsync(settings, new LoadReport(startedAt, settings.IntervalSeconds, settings.StepSeconds, settings.P99BoundMs, none, reports));
            return 1;
        }
        catch (Exception e) when (e is LoadRefusedException or HttpRequestException or OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[red]Enrollment failed:[/] {0}", Markup.Escape(e.Message));
            return 1;
        }

        var enrollment = new LoadEnrollmentReport(learners.Count, enrolling.Elapsed.TotalSeconds, people.PeopleCount) { Retries = enrollmentRetries.Report() };
        AnsiConsole.MarkupLine("Enrolled {0} learners through the API in {1:F0} s ({2} LFW people)", learners.Count, enrollment.Seconds, people.PeopleCount);

        var step = new LoadStep(settings, people, learners, runId);
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
        await WriteAsync(settings, sweep);
        AnsiConsole.MarkupLine(
            sweep.CapacityPlayers is { } capacity
                ? $"Capacity: {capacity} players at one frame every {settings.IntervalSeconds:0.##} s (p99 under {settings.P99BoundMs:F0} ms, no errors)"
                : $"Capacity: no step stayed under p99 {settings.P99BoundMs:F0} ms without errors");
        foreach (var recovery in sweep.Recovery)
        {
            AnsiConsole.MarkupLine(
                "Recovery: {0} players after {1}: p99 {2:F0} ms, {3} shed: {4}",
                recovery.Players, recovery.AfterPlayers, recovery.P99Ms, recovery.FramesShed, recovery.Recovered ? "back under the bound" : "[yellow]not back under the bound[/]");
        }

        if (!sweep.Completed)
        {
            AnsiConsole.MarkupLine("[yellow]The sweep stopped after {0} of {1} steps{2}.[/]", reports.Count, steps.Count, cancellationToken.IsCancellationRequested ? " (interrupted; the last is partial)" : "");
        }

        return sweep.Completed && reports.All(r => r.ErrorCount == 0) ? 0 : 1;
    }

    /// <summary>load.json, and the plot once a step has figures; never cancelled, so an interrupted run still leaves them.</summary>
    private static async Task WriteAsync(LoadTestSettings settings, LoadReport sweep)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "load.json"), JsonSerializer.Serialize(sweep, Json), CancellationToken.None);
        if (sweep.Steps.Count > 0)
        {
            LoadPlot.Save(sweep, Path.Combine(settings.OutputDirectory, "load-sweep.png"));
        }

        AnsiConsole.MarkupLine("Report: {0}", Markup.Escape(Path.Combine(settings.OutputDirectory, "load.json")));
    }

    private static async Task<IReadOnlyList<LoadLearner>> EnrollAsync(
        HttpClient http, LoadTestSettings settings, LoadPeople people, string runId, int count, LoadRetries retries, CancellationToken cancellationToken)
    {
        var enrollment = new LoadEnrollment(http, settings, people, runId, retries);
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
            "{0} players{11}: {1} frames sent, {2} analysed ({3:F1}/s), result after p50 {4:F0} ms, p95 {5:F0} ms, p99 {6:F0} ms, max {7:F0} ms; {8} shed; {9} errors{10}",
            report.Players, report.FramesSent, report.FramesAnalysed, report.FramesAnalysedPerSecond, report.LatencyMs.P50, report.LatencyMs.P95,
            report.LatencyMs.P99, report.LatencyMs.Max, report.FramesShed, report.ErrorCount,
            Markup.Escape(Counted(report.Errors)),
            report.Partial ? " (partial)" : "");
        if (report.AnswerTyping is { Sent: > 0 } answers)
        {
            AnsiConsole.MarkupLine(
                "  Answer typing: {0} batches sent, {1} recorded, {2} refused{3}, {4} lost",
                answers.Sent, answers.Recorded, answers.Refused.Values.Sum(),
                Markup.Escape(Counted(answers.Refused)),
                answers.Lost);
        }

        if (report.Host is { } host)
        {
            AnsiConsole.MarkupLine(
                "  Host: {0:F2} cores busy, {1} frames/s per core; RSS {2:F0} MB before, {3:F0} MB peak, {4:F0} MB after",
                host.CoresUsed, host.FramesPerSecondPerCore is { } perCore ? perCore.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-",
                host.RssBeforeMb, host.RssPeakMb, host.RssAfterMb);
        }
    }

    /// <summary>" (kind n, kind n)" for counts by kind, or nothing when there are none.</summary>
    private static string Counted(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "" : " (" + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")) + ")";
}
