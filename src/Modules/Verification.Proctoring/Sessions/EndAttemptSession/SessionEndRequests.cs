using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Sessions.ScaleOut;

namespace Verification.Proctoring.Sessions.EndAttemptSession;

/// <summary>
/// With several nodes: asks, through Redis, the node serving a session to end it. Only that node can end it (its frames
/// queue and evidence are in its memory); it ends it as the player's <c>EndSession</c> would, and its final verdict
/// reaches the player from there. Every node listens from start-up; a subscription made while Redis is away is made
/// again by the multiplexer when Redis returns.
/// </summary>
internal sealed class SessionEndRequests(RedisConnection redis, LiveSessions sessions, SessionLifecycle lifecycle, ILogger<SessionEndRequests> logger)
    : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("proctoring:end-session");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = (await redis.GetAsync()).GetSubscriber();
        try
        {
            await subscriber.SubscribeAsync(Channel, (channel, message) => _ = EndHereAsync(message));
        }
        catch (RedisException ex)
        {
            logger.LogWarning("End requests from other nodes wait for Redis ({Reason}); the subscription is made when it returns", ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether the request reached at least one node; false when Redis is away.</summary>
    public async Task<bool> RequestAsync(Guid sessionId)
    {
        try
        {
            var receivers = await (await redis.GetAsync()).GetSubscriber().PublishAsync(Channel, sessionId.ToString());
            return receivers > 0;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Session {SessionId} could not be asked to end on its node ({Reason})", sessionId, ex.GetType().Name);
            return false;
        }
    }

    private async Task EndHereAsync(RedisValue message)
    {
        if (!Guid.TryParse(message.ToString(), out var sessionId) || sessions.Find(sessionId) is not { Ending: false } session)
        {
            return;
        }

        try
        {
            var final = await lifecycle.EndAsync(session, timedOut: false);
            logger.LogInformation("Session {SessionId} ended {Verdict} at another node's request", sessionId, final.Verdict);
        }
        catch (Exception ex) when (ex is NpgsqlException or RedisException or TimeoutException or InvalidOperationException)
        {
            logger.LogError(ex, "Session {SessionId} could not be ended at another node's request", sessionId);
        }
    }
}
