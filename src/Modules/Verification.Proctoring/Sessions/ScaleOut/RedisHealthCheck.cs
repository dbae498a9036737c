using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Verification.Proctoring.Sessions.ScaleOut;

/// <summary>
/// Readiness with Redis configured: degraded, not unhealthy, while Redis is away, because this node still serves its
/// own players and takes new ones; only messages to players on other nodes wait for Redis.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis, RedisAvailability availability) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await redis.GetAsync();
            if (connection.IsConnected)
            {
                var latency = await connection.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                availability.Observe(true, "answered a ping");
                return HealthCheckResult.Healthy($"backplane connected ({latency.TotalMilliseconds:0.#} ms)");
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            availability.Observe(false, ex.GetType().Name);
            return HealthCheckResult.Degraded($"Redis unreachable ({ex.GetType().Name}): this node serves its own players only");
        }

        availability.Observe(false, "not connected");
        return HealthCheckResult.Degraded("Redis unreachable: this node serves its own players only");
    }
}
