using System.Diagnostics.Metrics;
using Verification.Matching.Face;

namespace Verification.Host.Telemetry;

/// <summary>
/// The Host's own gauges: which session setting each face model runs with (always 1, the setting in the labels), and
/// the measured median of that setting (a configured choice that was not measured has none).
/// </summary>
internal sealed class HostMetrics
{
    public const string MeterName = "Verification.Host";

    public HostMetrics(IMeterFactory meters, FaceEngine engine)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("verification.model.session", () => engine.SessionChoices.Select(c => new Measurement<int>(
            1,
            new KeyValuePair<string, object?>("model", c.Model.ToString()),
            new KeyValuePair<string, object?>("graph_optimization", c.Level.ToString()),
            new KeyValuePair<string, object?>("source", c.Source.ToString()))),
            null, "The session setting each face model runs with, in the labels.");
        meter.CreateObservableGauge("verification.model.inference", () => engine.SessionChoices.Where(c => c.MedianMilliseconds is not null).Select(c => new Measurement<double>(
            c.MedianMilliseconds!.Value / 1000.0,
            new KeyValuePair<string, object?>("model", c.Model.ToString()),
            new KeyValuePair<string, object?>("graph_optimization", c.Level.ToString()),
            new KeyValuePair<string, object?>("source", c.Source.ToString()))),
            "s", "The median inference time measured at start-up for the session setting each face model runs with.");
    }
}
