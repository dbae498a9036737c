namespace Verification.Certificates.Webhooks;

/// <summary>
/// <c>Certificates:Webhooks</c>: how failed deliveries are rescheduled (exponential backoff with jitter from
/// <see cref="FirstRetryDelay"/>, each wait at most <see cref="MaxRetryDelay"/>, no attempt later than
/// <see cref="RetryFor"/> after the event), how long one attempt may take, how many attempts run at once, and the
/// test-only switch that lets webhooks reach loopback receivers over plain http.
/// </summary>
internal sealed class WebhookSettings
{
    public const string SectionName = "Certificates:Webhooks";

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxConcurrentAttempts { get; set; } = 16;

    /// <summary>For the tests' receivers only: accept http and loopback addresses. Never in production.</summary>
    public bool TestOnlyAllowLoopbackReceivers { get; set; }

    /// <summary>The time a taken delivery is kept from other senders while its attempt runs.</summary>
    public TimeSpan Lease => AttemptTimeout + AttemptTimeout;

    public string? Validate() =>
        FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay || RetryFor < FirstRetryDelay
            ? $"{SectionName}: FirstRetryDelay must be positive, MaxRetryDelay and RetryFor at least FirstRetryDelay."
            : AttemptTimeout <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero || MaxConcurrentAttempts is < 1 or > 256
                ? $"{SectionName}: AttemptTimeout and PollInterval must be positive, MaxConcurrentAttempts 1 to 256."
                : null;
}
