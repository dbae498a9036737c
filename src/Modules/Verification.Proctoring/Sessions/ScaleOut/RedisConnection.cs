using StackExchange.Redis;

namespace Verification.Proctoring.Sessions.ScaleOut;

/// <summary>The one Redis connection of this node, shared by the SignalR backplane and the readiness check.</summary>
internal sealed class RedisConnection(RedisSettings settings) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(settings.Options()));

    public async Task<IConnectionMultiplexer> GetAsync(TextWriter? log = null) => await _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}
