using Npgsql;
using Stripe;
using Verification.Billing.Orders;
using Verification.Billing.Refunds;
using Verification.Billing.Subscriptions;

namespace Verification.Billing.Payments.Stripe;

/// <summary>The Stripe events Billing acts on, applied to the same confirmations, failures and refunds as the local provider's.</summary>
internal static class StripeEvents
{
    public const string Succeeded = "payment_intent.succeeded";
    public const string Failed = "payment_intent.payment_failed";
    public const string Refunded = "charge.refunded";

    public static readonly IReadOnlySet<string> Handled = new HashSet<string>(StringComparer.Ordinal) { Succeeded, Failed, Refunded };

    /// <summary>What the event says about a payment, or null when it is not a handled event with its object.</summary>
    public static StripePaymentChange? Read(Event stripeEvent) => (stripeEvent.Type, stripeEvent.Data?.Object) switch
    {
        (Succeeded, PaymentIntent { Id.Length: > 0 } intent) =>
            new(stripeEvent.Type, intent.Id, intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, intent.Currency?.ToUpperInvariant() ?? "", null, null),
        (Failed, PaymentIntent { Id.Length: > 0 } intent) =>
            new(stripeEvent.Type, intent.Id, intent.Amount, intent.Currency?.ToUpperInvariant() ?? "", intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? "payment_failed", null),
        (Refunded, Charge { PaymentIntentId.Length: > 0 } charge) =>
            new(stripeEvent.Type, charge.PaymentIntentId, charge.AmountRefunded, charge.Currency?.ToUpperInvariant() ?? "", null, charge.Refunds?.Data?.LastOrDefault()?.Id ?? charge.Id),
        _ => null,
    };

    public static async Task<StripeEventResult> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StripePaymentChange change, int partnerSharePercent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string provider = StripePaymentProvider.ProviderName;
        var order = await OrderConfirmations.FindAsync(connection, transaction, provider, change.PaymentIntentId, cancellationToken);
        switch (change.Type)
        {
            case Succeeded when order is not null:
                return await OrderConfirmations.PaidAsync(connection, transaction, order, change.AmountMinor, change.Currency, partnerSharePercent, now, cancellationToken)
                    ? StripeEventResult.Applied : StripeEventResult.AmountMismatch;
            case Succeeded:
                return await SubscriptionConfirmations.ConfirmAsync(connection, transaction, provider, change.PaymentIntentId, change.AmountMinor, change.Currency, now, cancellationToken)
                    ? StripeEventResult.Applied : StripeEventResult.PaymentUnknown;
            case Failed when order is not null:
                await OrderConfirmations.FailedAsync(connection, transaction, order, change.DeclineCode!, cancellationToken);
                return StripeEventResult.Applied;
            case Failed:
                return await SubscriptionConfirmations.FailedAsync(connection, transaction, provider, change.PaymentIntentId, change.DeclineCode!, now, cancellationToken)
                    ? StripeEventResult.Applied : StripeEventResult.PaymentUnknown;
            case Refunded when order is not null:
                // charge.refunded carries the total refunded: only what the service has not recorded (a refund made in Stripe's dashboard) is new.
                var refundedTotal = Math.Min(change.AmountMinor, order.AmountMinor);
                if (order.Status is "paid" or "refunded" && refundedTotal > order.RefundedMinor)
                {
                    await RefundRecords.RecordAsync(
                        connection, transaction, order, refundedTotal - order.RefundedMinor, "refunded at the provider", change.RefundId!, partnerSharePercent, now, cancellationToken);
                }

                return StripeEventResult.Applied;
            default:
                // A refund of a subscription charge is not taken back into the ledger here (docs/billing.md: not built).
                return change.Type == Refunded ? StripeEventResult.Applied : StripeEventResult.PaymentUnknown;
        }
    }
}

internal sealed record StripePaymentChange(string Type, string PaymentIntentId, long AmountMinor, string Currency, string? DeclineCode, string? RefundId);

internal enum StripeEventResult
{
    Applied,
    AmountMismatch,
    PaymentUnknown,
}
