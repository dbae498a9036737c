using Stripe;

namespace Verification.Billing.Payments.Stripe;

/// <summary>What the adapter asks Stripe for: amounts in minor units as Stripe counts them, currency in lower case, the order id as metadata.</summary>
internal static class StripeRequests
{
    public static PaymentIntentCreateOptions PaymentIntent(ChargeRequest request) => new()
    {
        Amount = request.AmountMinor,
        Currency = request.Currency.ToLowerInvariant(),
        PaymentMethod = request.PaymentMethod,
        Confirm = true,
        Description = request.Description,
        Metadata = new Dictionary<string, string> { ["order_id"] = request.OrderId.ToString() },
        // A server-side confirmation cannot follow a redirect (3-D Secure pages): such cards decline here.
        AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
    };

    public static RefundCreateOptions Refund(RefundRequest request) => new() { PaymentIntent = request.PaymentId, Amount = request.AmountMinor };

    public static RequestOptions Options(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };
}
