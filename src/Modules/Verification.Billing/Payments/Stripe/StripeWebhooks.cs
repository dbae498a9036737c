using Stripe;

namespace Verification.Billing.Payments.Stripe;

/// <summary>Stripe's webhook check through the SDK's own <see cref="EventUtility"/>: signature, tolerance window, against the service's clock.</summary>
internal static class StripeWebhooks
{
    public const string Header = "Stripe-Signature";

    /// <summary>The event, or null when the signature, the timestamp or the body does not hold.</summary>
    public static Event? Verify(string json, string? signatureHeader, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        try
        {
            return EventUtility.ConstructEvent(json, signatureHeader ?? "", secret, (long)tolerance.TotalSeconds, now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return null;
        }
    }
}
