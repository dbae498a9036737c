namespace Verification.Billing;

/// <summary>The <c>Billing:Stripe</c> section: the API key and the webhook endpoint's signing secret, both from Stripe's dashboard.</summary>
internal sealed class StripeSettings
{
    /// <summary>A secret (<c>sk_…</c>) or restricted (<c>rk_…</c>) API key.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The signing secret of the <c>/api/v1/billing/webhooks/stripe</c> endpoint (<c>whsec_…</c>).</summary>
    public string? WebhookSecret { get; set; }

    public string? Validate()
    {
        if (SecretKey is not { Length: >= 20 } key || !(key.StartsWith("sk_", StringComparison.Ordinal) || key.StartsWith("rk_", StringComparison.Ordinal)))
        {
            return "Billing:Stripe:SecretKey is required with Billing:Provider 'stripe': an sk_… or rk_… key from Stripe's dashboard.";
        }

        return WebhookSecret is { Length: >= 20 } secret && secret.StartsWith("whsec_", StringComparison.Ordinal)
            ? null
            : "Billing:Stripe:WebhookSecret is required with Billing:Provider 'stripe': the whsec_… signing secret of the webhook endpoint.";
    }
}
