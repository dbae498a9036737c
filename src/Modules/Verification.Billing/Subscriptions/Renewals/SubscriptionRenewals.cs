using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Billing.Entitlements;
using Verification.Billing.Payments;
using Verification.BuildingBlocks.Outbox;

namespace Verification.Billing.Subscriptions.Renewals;

/// <summary>
/// Renews the subscriptions whose attempt is due at <see cref="TimeProvider"/>'s now: ends those cancelled at period end,
/// charges the others, schedules a retry after a decline (<see cref="RenewalSchedule"/>) and lapses them after the last.
/// An accepted charge whose webhook has not come within <c>Billing:RenewalConfirmationTimeoutMinutes</c> is due again:
/// the provider is asked, and a payment it does not report as succeeded or pending counts as a failed attempt.
/// Each subscription is handled in its own transaction, locked with SKIP LOCKED so that several nodes share the work.
/// </summary>
internal sealed class SubscriptionRenewals(
    NpgsqlDataSource dataSource, SubscriptionCharges charges, IPaymentProvider provider, BillingSettings settings, Outbox outbox, TimeProvider time, ILogger<SubscriptionRenewals> logger)
    : IDueWork
{
    private const string NextDue = SubscriptionRow.Select + """
         WHERE s.status IN ('active', 'past_due') AND s.next_attempt_at <= @now
        ORDER BY s.next_attempt_at LIMIT 1 FOR UPDATE OF s SKIP LOCKED
        """;

    private const string PendingCharge = """
        SELECT id AS Id, provider_payment_id AS PaymentId, amount_minor AS AmountMinor, trim(currency) AS Currency
        FROM billing.subscription_charges WHERE subscription_id = @Id AND period_start = @periodEnd AND status = 'pending' AND provider = @provider
        """;

    public static string Name => "Subscription renewals";

    /// <summary>Handles every due subscription; returns how many were handled.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (await RenewNextAsync(cancellationToken))
        {
            handled++;
        }

        if (handled > 0)
        {
            outbox.Signal();
        }

        return handled;
    }

    private async Task<bool> RenewNextAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var subscription = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(NextDue, new { now }, transaction, cancellationToken: cancellationToken));
        if (subscription is null)
        {
            return false;
        }

        var periodEnd = subscription.CurrentPeriodEnd!.Value;
        var pending = await connection.QuerySingleOrDefaultAsync<PendingChargeRow>(new CommandDefinition(
            PendingCharge, new { subscription.Id, periodEnd, provider = provider.Name }, transaction, cancellationToken: cancellationToken));
        if (pending is not null)
        {
            await ReconcileAsync(connection, transaction, subscription, pending, now, cancellationToken);
        }
        else if (subscription.CancelAtPeriodEnd)
        {
            await RenewalFailures.EndAsync(connection, transaction, subscription, "canceled", now, cancellationToken);
            logger.LogInformation("Subscription {SubscriptionId} canceled at its period's end", subscription.Id);
        }
        else
        {
            var outcome = await charges.ChargeAsync(
                connection, transaction, subscription, periodEnd, $"renewal:{subscription.Id}:{periodEnd.ToUnixTimeSeconds()}:{subscription.FailedAttempts}", now, cancellationToken);
            if (outcome is null)
            {
                // The provider was away: not an attempt against the learner; try again within the hour.
                await SetNextAttemptAsync(connection, transaction, subscription.Id, now.AddHours(1), cancellationToken);
            }
            else if (outcome.Accepted)
            {
                // The webhook moves the period on; if it has not come by this deadline, the provider is asked.
                await SetNextAttemptAsync(connection, transaction, subscription.Id, now + settings.RenewalConfirmationTimeout, cancellationToken);
            }
            else
            {
                await RecordFailureAsync(connection, transaction, subscription, now, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task ReconcileAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SubscriptionRow subscription, PendingChargeRow pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        PaymentStatus status;
        try
        {
            status = pending.PaymentId is null ? PaymentStatus.Unknown : await provider.StatusAsync(pending.PaymentId, cancellationToken);
        }
        catch (PaymentProviderUnavailableException ex)
        {
            logger.LogWarning("Payment provider unavailable while reconciling subscription {SubscriptionId}: {Reason}", subscription.Id, ex.Message);
            await SetNextAttemptAsync(connection, transaction, subscription.Id, now.AddHours(1), cancellationToken);
            return;
        }

        logger.LogInformation("Subscription {SubscriptionId} renewal unconfirmed after the timeout; the provider reports {PaymentStatus}", subscription.Id, status);
        switch (status)
        {
            case PaymentStatus.Succeeded:
                await SubscriptionConfirmations.ConfirmAsync(connection, transaction, provider.Name, pending.PaymentId!, pending.AmountMinor, pending.Currency, now, cancellationToken);
                break;
            case PaymentStatus.Pending:
                await SetNextAttemptAsync(connection, transaction, subscription.Id, now + settings.RenewalConfirmationTimeout, cancellationToken);
                break;
            default:
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE billing.subscription_charges SET status = 'declined', decline_code = 'unconfirmed' WHERE id = @Id", new { pending.Id }, transaction, cancellationToken: cancellationToken));
                await RecordFailureAsync(connection, transaction, subscription, now, cancellationToken);
                break;
        }
    }

    private async Task RecordFailureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SubscriptionRow subscription, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = await RenewalFailures.RecordAsync(connection, transaction, subscription, now, cancellationToken);
        logger.LogInformation("Subscription {SubscriptionId} renewal attempt failed; now {Status}", subscription.Id, status);
    }

    private static Task SetNextAttemptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, DateTimeOffset next, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("UPDATE billing.subscriptions SET next_attempt_at = @next WHERE id = @id", new { id, next }, transaction, cancellationToken: cancellationToken));

    private sealed class PendingChargeRow
    {
        public Guid Id { get; init; }
        public string? PaymentId { get; init; }
        public long AmountMinor { get; init; }
        public string Currency { get; init; } = "";
    }
}
