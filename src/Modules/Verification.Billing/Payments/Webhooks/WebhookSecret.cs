using System.Security.Cryptography;

namespace Verification.Billing.Payments.Webhooks;

/// <summary>The local provider's webhook key: <c>Billing:WebhookSecret</c>, or a random one for this process (provider and receiver share the process).</summary>
internal sealed class WebhookSecret(BillingSettings settings)
{
    public string Value { get; } = settings.WebhookSecret ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
