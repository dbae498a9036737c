namespace Verification.BuildingBlocks.Outbox;

/// <summary>
/// When a message of an independent outbox (<see cref="OutboxTable.Independent"/>) is tried again after its consumer
/// failed: exponential backoff from <see cref="FirstDelay"/>, doubled per failure and capped at <see cref="MaxDelay"/>;
/// none later than <see cref="GiveUpAfter"/> after the message was written (then it is given up).
/// </summary>
public sealed record OutboxRetry(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan GiveUpAfter)
{
    /// <summary>The next attempt after <paramref name="failedAttempts"/> failures, or null to give up.</summary>
    public DateTimeOffset? NextAttempt(DateTimeOffset createdAt, int failedAttempts, DateTimeOffset now)
    {
        var doublings = Math.Clamp(failedAttempts - 1, 0, 30);
        var wait = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * Math.Pow(2, doublings)));
        var next = now + wait;
        return next <= createdAt + GiveUpAfter ? next : null;
    }
}
