namespace Verification.Billing;

/// <summary>The <c>Billing</c> section: the refund window, the partner's share, the payment provider and its webhook secrets.</summary>
internal sealed class BillingSettings
{
    public const string SectionName = "Billing";

    /// <summary>Days after payment during which a learner may ask for a refund.</summary>
    public int RefundWindowDays { get; set; } = 14;

    /// <summary>The partner's share of a track's price, in percent; the platform keeps the rest.</summary>
    public int PartnerSharePercent { get; set; } = 70;

    /// <summary><c>local</c>: the test-mode provider that runs in the service; <c>stripe</c>: Stripe, with <see cref="Stripe"/>.</summary>
    public string Provider { get; set; } = "local";

    /// <summary>The <c>Billing:Stripe</c> section, required when <see cref="Provider"/> is <c>stripe</c>.</summary>
    public StripeSettings Stripe { get; set; } = new();

    /// <summary>The HMAC key of the local provider's webhooks (at least 32 characters). A fresh one per start when empty.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How old a webhook's signed timestamp may be, in seconds, before it is refused.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Where the local provider delivers its webhooks; when empty, the service's own first listening address.</summary>
    public string? LocalWebhookUrl { get; set; }

    /// <summary>How often the renewal job looks for due subscriptions, in seconds; 0 turns the job off.</summary>
    public int RenewalIntervalSeconds { get; set; } = 60;

    /// <summary>How long an accepted renewal charge waits for its confirming webhook before the provider is asked, in minutes.</summary>
    public int RenewalConfirmationTimeoutMinutes { get; set; } = 60;

    public string? Validate()
    {
        if (RenewalConfirmationTimeoutMinutes is < 1 or > 10_080)
        {
            return "Billing:RenewalConfirmationTimeoutMinutes must be between 1 and 10080.";
        }

        if (RenewalIntervalSeconds is < 0 or > 86_400)
        {
            return "Billing:RenewalIntervalSeconds must be between 0 and 86400.";
        }

        if (RefundWindowDays is < 0 or > 365)
        {
            return "Billing:RefundWindowDays must be between 0 and 365.";
        }

        if (PartnerSharePercent is < 0 or > 100)
        {
            return "Billing:PartnerSharePercent must be between 0 and 100.";
        }

        if (Provider is not ("local" or "stripe"))
        {
            return "Billing:Provider must be 'local' or 'stripe'.";
        }

        if (Provider == "stripe" && Stripe.Validate() is { } stripeProblem)
        {
            return stripeProblem;
        }

        if (WebhookSecret is { Length: < 32 })
        {
            return "Billing:WebhookSecret must be at least 32 characters.";
        }

        if (WebhookToleranceSeconds is < 1 or > 3600)
        {
            return "Billing:WebhookToleranceSeconds must be between 1 and 3600.";
        }

        return LocalWebhookUrl is null || (Uri.TryCreate(LocalWebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? null
            : "Billing:LocalWebhookUrl must be an absolute http(s) address.";
    }

    public TimeSpan RefundWindow => TimeSpan.FromDays(RefundWindowDays);

    public TimeSpan RenewalConfirmationTimeout => TimeSpan.FromMinutes(RenewalConfirmationTimeoutMinutes);
}
