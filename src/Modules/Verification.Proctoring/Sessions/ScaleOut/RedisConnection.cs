using StackExchange.Redis;

namespace Verification.Proctoring.Sessions.ScaleOut;

/// <summary>
/// The one Redis connection of this node, shared by the SignalR backplane, the end requests between nodes and the
/// readiness check. Connecting never fails: with Redis away it returns a multiplexer that keeps retrying.
/// </summary>
internal sealed class RedisConnection(RedisSettings settings, RedisAvailability availability) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(async () =>
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(settings.Options());
        availability.Watch(multiplexer);
        return multiplexer;
    });

    public async Task<IConnectionMultiplexer> GetAsync(TextWriter? log = null) => await _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}
