using System.Diagnostics;
using System.Diagnostics.Metrics;
using Verification.Proctoring.Sessions.Live;

namespace Verification.Proctoring.Sessions.Telemetry;

/// <summary>
/// What an operator watches of the live sessions: frames in, analysed, shed; how long a frame waits for its result;
/// verdicts by kind; sessions open and frames queued on this node. Counts and durations only: never a score, an image
/// or a learner.
/// </summary>
internal sealed class ProctoringMetrics
{
    public const string MeterName = "Verification.Proctoring";

    /// <summary>Spans of one frame's way through the node: hub call, analysis, store.</summary>
    public static readonly ActivitySource Traces = new(MeterName);

    private readonly Counter<long> _received;
    private readonly Counter<long> _analysed;
    private readonly Counter<long> _shed;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _verdicts;
    private readonly Counter<long> _typingChecks;
    private readonly Counter<long> _refused;

    public ProctoringMetrics(IMeterFactory meters, LiveSessions sessions)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("verification.frames.received", "{frame}", "Frames the hub accepted into a session's queue.");
        _analysed = meter.CreateCounter<long>("verification.frames.analysed", "{frame}", "Frames taken from a queue, by outcome: analysed, unreadable, not_recorded, failed, consent_withdrawn.");
        _shed = meter.CreateCounter<long>("verification.frames.shed", "{frame}", "Frames dropped unanalysed because a newer frame of the same session arrived (newest frame kept).");
        _latency = meter.CreateHistogram<double>("verification.frame.duration", "s", "From the hub receiving a frame to its result being sent.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2.5, 5, 10] });
        _verdicts = meter.CreateCounter<long>("verification.sessions.ended", "{session}", "Sessions ended, by final verdict and how they ended.");
        _typingChecks = meter.CreateCounter<long>("verification.typing_checks", "{check}", "Typing checks evaluated, by result.");
        _refused = meter.CreateCounter<long>("verification.sessions.refused", "{session}", "New sessions refused by admission control, by reason.");
        meter.CreateObservableGauge("verification.sessions.live", () => sessions.All.Count(s => !s.Ending), "{session}", "Sessions open on this node.");
        meter.CreateObservableGauge("verification.frames.queued", () => sessions.All.Sum(s => s.Frames.Reader.CanCount ? s.Frames.Reader.Count : 0), "{frame}", "Frames waiting for analysis on this node.");
    }

    public void FrameReceived() => _received.Add(1);

    public void FrameShed() => _shed.Add(1);

    public void FrameAnalysed(string outcome, TimeSpan sinceReceived)
    {
        _analysed.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _latency.Record(sinceReceived.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void SessionEnded(string verdict, string ending) =>
        _verdicts.Add(1, new KeyValuePair<string, object?>("verdict", verdict), new KeyValuePair<string, object?>("ending", ending));

    public void SessionRefused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void TypingChecked(string result) => _typingChecks.Add(1, new KeyValuePair<string, object?>("result", result));
}
