namespace Verification.Certificates.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <c>FirstRetryDelay</c>, doubled per failed attempt
/// and capped at <c>MaxRetryDelay</c>, with equal jitter (a random wait between half and all of it) so receivers that
/// fail together are not retried together; none later than <c>RetryFor</c> after the event (then it is given up).
/// </summary>
internal static class WebhookSchedule
{
    /// <summary>The next attempt after <paramref name="failedAttempts"/> failures, or null to give up.</summary>
    public static DateTimeOffset? NextAttempt(WebhookSettings settings, DateTimeOffset createdAt, int failedAttempts, DateTimeOffset now)
    {
        var wait = Backoff(settings, failedAttempts);
        var jittered = (wait / 2) + (wait / 2 * Random.Shared.NextDouble());
        var next = now + jittered;
        return next <= createdAt + settings.RetryFor ? next : null;
    }

    public static TimeSpan Backoff(WebhookSettings settings, int failedAttempts)
    {
        var doublings = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = Math.Min(settings.MaxRetryDelay.Ticks, settings.FirstRetryDelay.Ticks * Math.Pow(2, doublings));
        return TimeSpan.FromTicks((long)ticks);
    }
}
