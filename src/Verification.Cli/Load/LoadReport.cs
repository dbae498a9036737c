namespace Verification.Cli.Load;

/// <summary>The sweep's JSON report (load.json): one entry per step and the capacity the bound gives.</summary>
internal sealed record LoadReport(
    DateTimeOffset StartedAt,
    double IntervalSeconds,
    int StepSeconds,
    double P99BoundMs,
    LoadEnrollmentReport Enrollment,
    IReadOnlyList<LoadStepReport> Steps)
{
    public const string CapacityRule = "the largest step whose frame-to-result p99 stayed under the bound, with frames analysed and no errors";

    public string Capacity => CapacityRule;

    /// <summary>Null when no step stayed under the bound.</summary>
    public int? CapacityPlayers => Steps.Where(s => s.WithinBound).Select(s => (int?)s.Players).Max();

    public bool Completed { get; init; }

    /// <summary>
    /// Each step run right after an overloaded one (frames shed, or p99 over the bound): whether the node came back
    /// under the bound once the load dropped. Empty when no step was overloaded or none followed one.
    /// </summary>
    public IReadOnlyList<LoadRecovery> Recovery =>
        [.. Steps.Zip(Steps.Skip(1)).Where(pair => pair.First.Overloaded(P99BoundMs))
            .Select(pair => new LoadRecovery(pair.First.Players, pair.Second.Players, pair.Second.LatencyMs.P99, pair.Second.FramesShed, pair.Second.WithinBound))];
}

/// <summary>The step after an overloaded one: <see cref="Recovered"/> when it stayed under the bound without errors.</summary>
internal sealed record LoadRecovery(int AfterPlayers, int Players, double P99Ms, int FramesShed, bool Recovered);

internal sealed record LoadEnrollmentReport(int Learners, double Seconds, int PeopleAvailable)
{
    /// <summary>Enrollment calls sent again after a 429 or 503's Retry-After, and those refused even so.</summary>
    public LoadRetryReport? Retries { get; init; }
}

internal sealed record LoadLatency(double P50, double P95, double P99, double Max)
{
    public static LoadLatency Of(double[] sorted) => new(Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1]);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

internal sealed record LoadTyping(int Sent, int Acknowledged, int Usable);

/// <summary>
/// Answer typing batches sent, recorded (<c>Recorded</c> true), refused by code (a result not recorded, or a hub
/// error), and lost (no answer: a timeout, a lost connection, or the step cut before it came).
/// </summary>
internal sealed record LoadAnswerTyping(int Sent, int Recorded, IReadOnlyDictionary<string, int> Refused)
{
    public int Lost => Sent - Recorded - Refused.Values.Sum();
}

internal sealed record LoadSessions(int Players, int Started, int Ended);

/// <summary>What was sent and never came back: goal none (docs/operations.md, "Overload").</summary>
internal sealed record LoadLost(int TypingChecks, int Verdicts, int Frames, int AnswerTyping);

internal sealed record LoadHost(double CpuSeconds, double CoresUsed, double? FramesPerSecondPerCore, double RssBeforeMb, double RssPeakMb, double RssAfterMb);

internal sealed record LoadStepReport(
    int Players,
    double Seconds,
    int FramesSent,
    int FramesAnalysed,
    int FramesShed,
    int FramesUnanswered,
    double FramesAnalysedPerSecond,
    LoadLatency LatencyMs,
    IReadOnlyDictionary<string, int> Errors,
    LoadTyping TypingChecks,
    LoadAnswerTyping AnswerTyping,
    LoadSessions Sessions,
    LoadLost Lost,
    IReadOnlyDictionary<string, int> Verdicts,
    LoadHost? Host,
    bool WithinBound)
{
    public int ErrorCount => Errors.Values.Sum();

    public bool Overloaded(double p99BoundMs) => FramesShed > 0 || LatencyMs.P99 >= p99BoundMs;

    /// <summary>The step was interrupted (Ctrl+C, SIGTERM) before its players finished: its figures cover only part of it.</summary>
    public bool Partial { get; init; }

    public LoadRetryReport? TokenRetries { get; init; }

    public LoadRetryReport? StartRetries { get; init; }
}
