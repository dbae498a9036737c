using System.Text.Json.Serialization;

namespace Verification.Billing.Payments.Local;

/// <summary>The body of a local provider webhook.</summary>
internal sealed record LocalWebhookEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("data")] LocalWebhookEvent.Payment Data)
{
    public const string PaymentSucceeded = "payment.succeeded";

    internal sealed record Payment(
        [property: JsonPropertyName("payment_id")] string PaymentId,
        [property: JsonPropertyName("amount_minor")] long AmountMinor,
        [property: JsonPropertyName("currency")] string Currency);
}
