using System.Net;
using Stripe;

namespace Verification.Billing.Payments.Stripe;

/// <summary>
/// The payment-provider interface on Stripe's official SDK: a charge is a confirmed PaymentIntent, a refund a Refund,
/// each under the caller's idempotency key. Card errors are declines; 429, 5xx and network failures are outages.
/// Selected by <c>Billing:Provider = stripe</c>; tested offline only (docs/billing.md says what was not exercised).
/// </summary>
internal sealed class StripePaymentProvider(IStripeClient client) : IPaymentProvider
{
    public const string ProviderName = "stripe";

    public string Name => ProviderName;

    public async ValueTask<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var intent = await new PaymentIntentService(client).CreateAsync(StripeRequests.PaymentIntent(request), StripeRequests.Options(request.IdempotencyKey), cancellationToken);
            // 'succeeded' and 'processing' are both confirmed later by the payment_intent.succeeded webhook.
            return intent.Status is "succeeded" or "processing"
                ? new ChargeOutcome(intent.Id, null)
                : new ChargeOutcome(null, intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? "payment_incomplete");
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error")
        {
            return new ChargeOutcome(null, ex.StripeError.DeclineCode ?? ex.StripeError.Code ?? "card_declined");
        }
        catch (StripeException ex) when (ex.StripeError is { Type: "invalid_request_error", Param: "payment_method" })
        {
            // The learner's browser sent an id Stripe does not know or cannot charge (mistyped, detached, another
            // account's): theirs to replace, as an unknown card is.
            return new ChargeOutcome(null, "card_unknown");
        }
        catch (StripeException ex) when (IsOutage(ex))
        {
            throw new PaymentProviderUnavailableException("Stripe did not answer: " + (int)ex.HttpStatusCode, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PaymentProviderUnavailableException("Stripe could not be reached.", ex);
        }
    }

    public async ValueTask<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var refund = await new RefundService(client).CreateAsync(StripeRequests.Refund(request), StripeRequests.Options(request.IdempotencyKey), cancellationToken);
            return new RefundOutcome(refund.Id);
        }
        catch (StripeException ex) when (IsOutage(ex))
        {
            throw new PaymentProviderUnavailableException("Stripe did not answer: " + (int)ex.HttpStatusCode, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PaymentProviderUnavailableException("Stripe could not be reached.", ex);
        }
    }

    // Card numbers never reach this service with Stripe: Stripe's own page turns them into a PaymentMethod first.
    public string? PaymentMethodFor(string entered) =>
        entered.StartsWith("pm_", StringComparison.Ordinal) && entered.Length <= 255 && entered.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? entered : null;

    public async ValueTask<PaymentStatus> StatusAsync(string paymentId, CancellationToken cancellationToken)
    {
        try
        {
            var intent = await new PaymentIntentService(client).GetAsync(paymentId, cancellationToken: cancellationToken);
            return intent.Status switch
            {
                "succeeded" => PaymentStatus.Succeeded,
                "processing" or "requires_capture" => PaymentStatus.Pending,
                _ => PaymentStatus.Failed,
            };
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return PaymentStatus.Unknown;
        }
        catch (StripeException ex) when (IsOutage(ex))
        {
            throw new PaymentProviderUnavailableException("Stripe did not answer: " + (int)ex.HttpStatusCode, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PaymentProviderUnavailableException("Stripe could not be reached.", ex);
        }
    }

    private static bool IsOutage(StripeException ex) => ex.HttpStatusCode is HttpStatusCode.TooManyRequests || (int)ex.HttpStatusCode >= 500;
}
