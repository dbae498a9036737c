using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Payments;

namespace Verification.Billing.Subscriptions;

/// <summary>Charges one period of a subscription through the provider, recording the attempt; the webhook confirms it.</summary>
internal sealed class SubscriptionCharges(IPaymentProvider provider, ILogger<SubscriptionCharges> logger)
{
    private const string Insert = """
        INSERT INTO billing.subscription_charges (id, subscription_id, period_start, period_end, amount_minor, currency, status, provider, provider_payment_id, decline_code, created_at)
        VALUES (@id, @subscriptionId, @periodStart, @periodEnd, @amount, @currency, @status, @provider, @paymentId, @declineCode, @now)
        """;

    /// <summary>The provider's outcome, or null when the provider was unreachable (nothing recorded).</summary>
    public async Task<ChargeOutcome?> ChargeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SubscriptionRow subscription, DateTimeOffset periodStart, string idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        ChargeOutcome outcome;
        try
        {
            outcome = await provider.ChargeAsync(
                new ChargeRequest(idempotencyKey, id, subscription.PriceMinor, subscription.Currency, subscription.PaymentMethod, subscription.PlanName), cancellationToken);
        }
        catch (PaymentProviderUnavailableException ex)
        {
            logger.LogWarning("Payment provider unavailable for subscription {SubscriptionId}: {Reason}", subscription.Id, ex.Message);
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            id,
            subscriptionId = subscription.Id,
            periodStart,
            periodEnd = Intervals.End(subscription.Interval, periodStart),
            amount = subscription.PriceMinor,
            currency = subscription.Currency,
            status = outcome.Accepted ? "pending" : "declined",
            provider = provider.Name,
            paymentId = outcome.PaymentId,
            declineCode = outcome.DeclineCode,
            now,
        }, transaction, cancellationToken: cancellationToken));
        logger.LogInformation("Subscription {SubscriptionId} charge for the period from {PeriodStart}: {Outcome}", subscription.Id, periodStart, outcome.DeclineCode ?? "accepted");
        return outcome;
    }
}
