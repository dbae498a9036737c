using Stripe;
using Verification.Billing.Payments.Webhooks;

namespace Verification.Billing.Payments.Stripe;

/// <summary>Stripe's webhook check through the SDK's own <see cref="EventUtility"/>: signature, tolerance window, against the service's clock.</summary>
internal static class StripeWebhooks
{
    public const string Header = "Stripe-Signature";

    // Only to tell "signed, but too old" from "not signed": the real check uses the configured tolerance.
    private static readonly long AnyAge = (long)TimeSpan.FromDays(365 * 100).TotalSeconds;

    /// <summary>The event when <see cref="WebhookCheck.Valid"/>; a body that is signed but no event is <see cref="WebhookCheck.Malformed"/>.</summary>
    public static (Event? Event, WebhookCheck Check) Verify(string json, string? signatureHeader, string? secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (secret is null)
        {
            return (null, WebhookCheck.SignatureMismatch);
        }

        try
        {
            EventUtility.ValidateSignature(json, signatureHeader ?? "", secret, (long)tolerance.TotalSeconds, now.ToUnixTimeSeconds());
        }
        catch (StripeException)
        {
            return (null, SignedLongAgo(json, signatureHeader, secret, now) ? WebhookCheck.TimestampOutsideTolerance : WebhookCheck.SignatureMismatch);
        }

        try
        {
            return (EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false), WebhookCheck.Valid);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or System.Text.Json.JsonException or StripeException or ArgumentException or InvalidCastException)
        {
            return (null, WebhookCheck.Malformed);
        }
    }

    private static bool SignedLongAgo(string json, string? signatureHeader, string secret, DateTimeOffset now)
    {
        try
        {
            EventUtility.ValidateSignature(json, signatureHeader ?? "", secret, AnyAge, now.ToUnixTimeSeconds());
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }
}
