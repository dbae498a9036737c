using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Verification.Host.Telemetry;

/// <summary>
/// The readiness checks (database, models, verdicts, and Redis when configured) as a gauge per check: 1 healthy,
/// 0.5 degraded, 0 unhealthy; taken from the health publisher's periodic run, so a scrape never waits on a dependency.
/// </summary>
internal sealed class HealthMetricsPublisher : IHealthCheckPublisher
{
    private readonly ConcurrentDictionary<string, double> _status = new(StringComparer.Ordinal);

    public HealthMetricsPublisher(IMeterFactory meters)
    {
        var meter = meters.Create(HostMetrics.MeterName);
        meter.CreateObservableGauge("verification.dependency.health", Observe, null, "Each readiness check: 1 healthy, 0.5 degraded, 0 unhealthy.");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            _status[name] = entry.Status switch
            {
                HealthStatus.Healthy => 1,
                HealthStatus.Degraded => 0.5,
                _ => 0,
            };
        }

        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<double>> Observe() =>
        _status.Select(s => new Measurement<double>(s.Value, new KeyValuePair<string, object?>("check", s.Key)));
}
