using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Verification.Proctoring.Sessions.Telemetry;

namespace Verification.Proctoring.Sessions.ScaleOut;

/// <summary>
/// Whether this node reaches Redis now, as the multiplexer sees it. A change is logged once (a warning when Redis goes
/// away, information when it is back) and counted, never once per message: the multiplexer reports each of its
/// connections failing and retries every few seconds, so only a change of state is news.
/// </summary>
internal sealed class RedisAvailability
{
    private const int Unknown = -1;
    private const int Down = 0;
    private const int Up = 1;

    private readonly ILogger<RedisAvailability> _logger;
    private readonly Counter<long> _changes;
    private IConnectionMultiplexer? _multiplexer;
    private int _state = Unknown;

    public RedisAvailability(IMeterFactory meters, ILogger<RedisAvailability> logger)
    {
        _logger = logger;
        var meter = meters.Create(ProctoringMetrics.MeterName);
        _changes = meter.CreateCounter<long>("verification.redis.changes", "{change}", "Times this node lost (state=down) or regained (state=up) Redis.");
        meter.CreateObservableGauge("verification.redis.connected", () => IsConnected ? 1 : 0, null, "1 while this node reaches Redis (messages cross nodes), 0 while it serves its own players only.");
    }

    public bool IsConnected => Volatile.Read(ref _multiplexer)?.IsConnected == true;

    public void Watch(IConnectionMultiplexer multiplexer)
    {
        Volatile.Write(ref _multiplexer, multiplexer);
        multiplexer.ConnectionFailed += (_, e) => Observe(multiplexer.IsConnected, e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, _) => Observe(multiplexer.IsConnected, "restored");
        Observe(multiplexer.IsConnected, "not connected at start");
    }

    /// <summary>Records the state seen now (by the multiplexer's events or a readiness check); logs only a change.</summary>
    public void Observe(bool connected, string reason)
    {
        var state = connected ? Up : Down;
        var previous = Interlocked.Exchange(ref _state, state);
        if (previous == state)
        {
            return;
        }

        if (connected)
        {
            _changes.Add(1, new KeyValuePair<string, object?>("state", "up"));
            if (previous == Down)
            {
                _logger.LogInformation("Redis reachable again: messages to players on other nodes go through again");
            }

            return;
        }

        _changes.Add(1, new KeyValuePair<string, object?>("state", "down"));
        _logger.LogWarning("Redis unreachable ({Reason}): this node serves its own players only until Redis is back", reason);
    }
}
