using Dapper;
using Npgsql;
using Verification.Billing.Ledger;

namespace Verification.Billing.Subscriptions;

/// <summary>A confirmed subscription charge: paid in the ledger, and the subscription active for the charged period.</summary>
internal static class SubscriptionConfirmations
{
    private const string Find = """
        SELECT c.id AS Id, c.subscription_id AS SubscriptionId, s.learner_id AS LearnerId, c.period_start AS PeriodStart, c.period_end AS PeriodEnd,
               c.amount_minor AS AmountMinor, trim(c.currency) AS Currency, c.status AS Status
        FROM billing.subscription_charges c JOIN billing.subscriptions s ON s.id = c.subscription_id
        WHERE c.provider = @provider AND c.provider_payment_id = @paymentId FOR UPDATE OF c, s
        """;

    private const string Activate = """
        UPDATE billing.subscription_charges SET status = 'paid' WHERE id = @Id;
        UPDATE billing.subscriptions SET status = 'active', current_period_start = @PeriodStart, current_period_end = @PeriodEnd,
            failed_attempts = 0, next_attempt_at = @PeriodEnd
        WHERE id = @SubscriptionId AND status IN ('incomplete', 'active', 'past_due')
        """;

    /// <summary>False when no subscription charge holds the payment.</summary>
    public static async Task<bool> ConfirmAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string provider, string paymentId, long amount, string currency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var charge = await connection.QuerySingleOrDefaultAsync<ChargeRow>(new CommandDefinition(Find, new { provider, paymentId }, transaction, cancellationToken: cancellationToken));
        if (charge is null)
        {
            return false;
        }

        if (charge.Status == "pending" && charge.AmountMinor == amount && charge.Currency == currency)
        {
            await connection.ExecuteAsync(new CommandDefinition(Activate, charge, transaction, cancellationToken: cancellationToken));
            await LedgerWriter.PostAsync(
                connection,
                transaction,
                new LedgerEntry(Guid.CreateVersion7(), "subscription_charge", charge.LearnerId, null, charge.Currency, now) { SubscriptionId = charge.SubscriptionId },
                LedgerSplits.SubscriptionCharge(charge.LearnerId, charge.AmountMinor),
                cancellationToken);
        }

        return true;
    }

    /// <summary>A pending charge the provider reports failed: declined, and the subscription's failure handled as a decline. False when no charge holds the payment.</summary>
    public static async Task<bool> FailedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string provider, string paymentId, string declineCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var charge = await connection.QuerySingleOrDefaultAsync<ChargeRow>(new CommandDefinition(Find, new { provider, paymentId }, transaction, cancellationToken: cancellationToken));
        if (charge is null)
        {
            return false;
        }

        if (charge.Status == "pending")
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE billing.subscription_charges SET status = 'declined', decline_code = @declineCode WHERE id = @Id", new { charge.Id, declineCode }, transaction, cancellationToken: cancellationToken));
            var subscription = await connection.QuerySingleAsync<SubscriptionRow>(new CommandDefinition(
                SubscriptionRow.Select + " WHERE s.id = @SubscriptionId", charge, transaction, cancellationToken: cancellationToken));
            if (subscription.Status is "incomplete" or "active" or "past_due")
            {
                await Renewals.RenewalFailures.RecordAsync(connection, transaction, subscription, now, cancellationToken);
            }
        }

        return true;
    }

    private sealed class ChargeRow
    {
        public Guid Id { get; init; }
        public Guid SubscriptionId { get; init; }
        public Guid LearnerId { get; init; }
        public DateTimeOffset PeriodStart { get; init; }
        public DateTimeOffset PeriodEnd { get; init; }
        public long AmountMinor { get; init; }
        public string Currency { get; init; } = "";
        public string Status { get; init; } = "";
    }
}
