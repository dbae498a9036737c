using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Verification.Proctoring.Sessions.ScaleOut;

/// <summary>
/// The SignalR backplane that survives Redis going away. Every connection is registered with a local manager, which
/// never needs Redis, and with the Redis one; a message to a connection of this node is written by the local manager,
/// and group, user and broadcast messages go through Redis while it is reachable and through the local manager while it
/// is not. RedisHubLifetimeManager alone fails a new connection when it cannot subscribe it in Redis; here that
/// subscription is only tried, and the multiplexer restores it when Redis returns, so cross-node delivery resumes.
/// </summary>
internal sealed class RedisOrLocalHubLifetimeManager<THub>(
    RedisHubLifetimeManager<THub> redis,
    DefaultHubLifetimeManager<THub> local,
    RedisAvailability availability,
    ILogger<RedisOrLocalHubLifetimeManager<THub>> logger) : HubLifetimeManager<THub>
    where THub : Microsoft.AspNetCore.SignalR.Hub
{
    /// <summary>How long a connection's handshake waits for Redis (commands fail at once while Redis is known away).</summary>
    private static readonly TimeSpan RedisWait = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, HubConnectionContext> _here = new(StringComparer.Ordinal);

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await local.OnConnectedAsync(connection);
        _here[connection.ConnectionId] = connection;
        await TryRedisAsync(() => redis.OnConnectedAsync(connection), "subscribe a connection");
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _here.TryRemove(connection.ConnectionId, out _);
        await local.OnDisconnectedAsync(connection);
        await TryRedisAsync(() => redis.OnDisconnectedAsync(connection), "unsubscribe a connection");
    }

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _here.ContainsKey(connectionId)
            ? local.SendConnectionAsync(connectionId, methodName, args, cancellationToken)
            : redis.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

    public override async Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var elsewhere = connectionIds.Where(id => !_here.ContainsKey(id)).ToList();
        await local.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);
        if (elsewhere.Count > 0)
        {
            await redis.SendConnectionsAsync(elsewhere, methodName, args, cancellationToken);
        }
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        RedisElseLocalAsync(() => redis.SendAllAsync(methodName, args, cancellationToken), () => local.SendAllAsync(methodName, args, cancellationToken));

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        RedisElseLocalAsync(
            () => redis.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken),
            () => local.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        RedisElseLocalAsync(() => redis.SendGroupAsync(groupName, methodName, args, cancellationToken), () => local.SendGroupAsync(groupName, methodName, args, cancellationToken));

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        RedisElseLocalAsync(() => redis.SendGroupsAsync(groupNames, methodName, args, cancellationToken), () => local.SendGroupsAsync(groupNames, methodName, args, cancellationToken));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        RedisElseLocalAsync(
            () => redis.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken),
            () => local.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        RedisElseLocalAsync(() => redis.SendUserAsync(userId, methodName, args, cancellationToken), () => local.SendUserAsync(userId, methodName, args, cancellationToken));

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        RedisElseLocalAsync(() => redis.SendUsersAsync(userIds, methodName, args, cancellationToken), () => local.SendUsersAsync(userIds, methodName, args, cancellationToken));

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (!_here.ContainsKey(connectionId))
        {
            await redis.AddToGroupAsync(connectionId, groupName, cancellationToken);
            return;
        }

        await local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        await TryRedisAsync(() => redis.AddToGroupAsync(connectionId, groupName, cancellationToken), "subscribe a group");
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (!_here.ContainsKey(connectionId))
        {
            await redis.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
            return;
        }

        await local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        await TryRedisAsync(() => redis.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), "unsubscribe a group");
    }

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        _here.ContainsKey(connectionId)
            ? local.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken)
            : redis.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, Microsoft.AspNetCore.SignalR.Protocol.CompletionMessage result) =>
        local.TryGetReturnType(result.InvocationId!, out _)
            ? local.SetConnectionResultAsync(connectionId, result)
            : redis.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        local.TryGetReturnType(invocationId, out type) || redis.TryGetReturnType(invocationId, out type);

    /// <summary>Through Redis, which delivers to this node's players too; through the local manager alone while Redis is away.</summary>
    private async Task RedisElseLocalAsync(Func<Task> throughRedis, Func<Task> here)
    {
        if (availability.IsConnected && await TryRedisAsync(throughRedis, "publish a message"))
        {
            return;
        }

        await here();
    }

    private async Task<bool> TryRedisAsync(Func<Task> start, string what)
    {
        var operation = Task.CompletedTask;
        try
        {
            operation = start();
            await operation.WaitAsync(RedisWait);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            // Redis away: the multiplexer retries by itself and RedisAvailability logs the change once, so this is Debug.
            _ = operation.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            logger.LogDebug("Could not {Operation} in Redis ({Reason}); this node goes on without it", what, ex.GetType().Name);
            return false;
        }
    }
}
