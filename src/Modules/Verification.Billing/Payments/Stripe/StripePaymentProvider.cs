using System.Net;
using Stripe;

namespace Verification.Billing.Payments.Stripe;

/// <summary>
/// The payment-provider interface on Stripe's official SDK: a charge is a confirmed PaymentIntent, a refund a Refund,
/// each under the caller's idempotency key. Card errors are declines; 429, 5xx and network failures are outages.
/// Built and tested offline (request building, error mapping, webhook signature); not wired to <c>Billing:Provider</c> yet.
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

    private static bool IsOutage(StripeException ex) => ex.HttpStatusCode is HttpStatusCode.TooManyRequests || (int)ex.HttpStatusCode >= 500;
}
