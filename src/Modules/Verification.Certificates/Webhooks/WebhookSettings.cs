namespace Verification.Certificates.Webhooks;

/// <summary>
/// <c>Certificates:Webhooks</c>: how deliveries are retried (exponential backoff with jitter from
/// <see cref="FirstRetryDelay"/>, at most <see cref="MaxRetries"/> retries: with the defaults, about 17 minutes), how
/// long one attempt may take, and whether plain http is accepted for endpoints (only for loopback addresses, for
/// development and tests).
/// </summary>
internal sealed class WebhookSettings
{
    public const string SectionName = "Certificates:Webhooks";

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxRetries { get; set; } = 9;

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public bool AllowLoopbackHttp { get; set; }
}
