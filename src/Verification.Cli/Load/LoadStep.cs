namespace Verification.Cli.Load;

/// <summary>
/// One step of the sweep: the first N enrolled learners each open a session at once, staggered over one interval,
/// send for the step's time and end; the Host's CPU and memory are read around it.
/// </summary>
internal sealed class LoadStep(LoadTestSettings settings, LoadPeople people, IReadOnlyList<LoadLearner> learners, string runId)
{
    // Past the sending time: the last calls' timeouts and EndSession's, then the step is cut whatever is left.
    private static readonly TimeSpan Grace = LoadPlayer.CallTimeout * 2 + LoadPlayer.EndTimeout + TimeSpan.FromSeconds(30);

    private readonly Dictionary<int, IReadOnlyList<byte[]>> _frames = [];

    public async Task<LoadStepReport> RunAsync(HttpClient http, int players, Action onFrame, CancellationToken cancellationToken)
    {
        var tally = new LoadTally();
        var cpu = settings.HostPid is { } pid ? new HostCpu(pid) : null;
        var memory = settings.HostPid is { } memoryPid ? new HostMemory(memoryPid) : null;
        cpu?.Start();
        memory?.Start();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.StepSeconds) + Grace);
        var started = DateTime.UtcNow;
        var frameCount = FramesPerPlayer(settings);
        var interval = TimeSpan.FromSeconds(settings.IntervalSeconds);
        var run = Task.WhenAll(learners.Take(players).Select(learner =>
            new LoadPlayer(settings, people, learner, FramesOf(learner), tally)
                .RunAsync(http, $"load-{runId}-{players}", interval * learner.Player / players, frameCount, onFrame, deadline.Token)));
        await (memory?.SampleUntilAsync(run) ?? Task.CompletedTask);
        try
        {
            await run;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: what the players counted so far is reported, marked partial.
        }

        var elapsed = (DateTime.UtcNow - started).TotalSeconds;
        var cpuSeconds = cpu?.SecondsSinceStart();
        if (memory is not null && cpuSeconds is not null)
        {
            await memory.SettleAsync(TimeSpan.FromSeconds(settings.SettleSeconds), cancellationToken);
        }

        if (settings.HostPid is not null && cpuSeconds is null)
        {
            tally.Error("host_exited");
        }

        var latencies = tally.LatenciesMs.Order().ToArray();
        var latency = LoadLatency.Of(latencies);
        var perSecond = tally.Analysed / elapsed;
        LoadHost? host = cpuSeconds is { } seconds && memory is not null
            ? new LoadHost(seconds, seconds / elapsed, seconds > 0 ? perSecond / (seconds / elapsed) : null, memory.BeforeKb / 1024.0, memory.PeakKb / 1024.0, memory.AfterKb / 1024.0)
            : null;
        var answerTyping = new LoadAnswerTyping(
            tally.AnswerTypingSent, tally.AnswerTypingRecorded, new SortedDictionary<string, int>(tally.AnswerTypingRefused, StringComparer.Ordinal));
        return new LoadStepReport(
            players,
            elapsed,
            tally.Sent,
            tally.Analysed,
            tally.Shed,
            tally.Unanswered,
            perSecond,
            latency,
            new SortedDictionary<string, int>(tally.Errors, StringComparer.Ordinal),
            new LoadTyping(tally.TypingSent, tally.TypingAcknowledged, tally.TypingUsable),
            answerTyping,
            new LoadSessions(players, tally.SessionsStarted, tally.SessionsEnded),
            new LoadLost(tally.TypingSent - tally.TypingAcknowledged, tally.SessionsStarted - tally.SessionsEnded, tally.Unanswered, answerTyping.Lost),
            new SortedDictionary<string, int>(tally.Verdicts, StringComparer.Ordinal),
            host,
            tally.ErrorCount == 0 && tally.Analysed > 0 && latency.P99 < settings.P99BoundMs && !cancellationToken.IsCancellationRequested)
        {
            Partial = cancellationToken.IsCancellationRequested,
            TokenRetries = tally.TokenRetries.Report(),
            StartRetries = tally.StartRetries.Report(),
        };
    }

    /// <summary>Frames each player sends in a step: one per interval of the step's time, at least one.</summary>
    public static int FramesPerPlayer(LoadTestSettings settings) => Math.Max(1, (int)(settings.StepSeconds / settings.IntervalSeconds));

    /// <summary>The learner's session photos, read once for every step.</summary>
    private IReadOnlyList<byte[]> FramesOf(LoadLearner learner)
    {
        lock (_frames)
        {
            if (!_frames.TryGetValue(learner.Player, out var frames))
            {
                frames = [.. learner.SessionPhotos.Select(File.ReadAllBytes)];
                _frames[learner.Player] = frames;
            }

            return frames;
        }
    }
}
