using Dapper;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Billing.Entitlements;

namespace Verification.Billing.Subscriptions.Renewals;

/// <summary>
/// A failed charge of a subscription, whoever learned of it (a decline, an overdue confirmation, the provider's failure
/// webhook): a first charge ends the subscription before it began; a renewal is retried on <see cref="RenewalSchedule"/>, then lapses.
/// </summary>
internal static class RenewalFailures
{
    /// <summary>The subscription's status after the failure.</summary>
    public static async Task<string> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SubscriptionRow subscription, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (subscription.Status == "incomplete" || subscription.CurrentPeriodEnd is not { } periodEnd)
        {
            await SetAsync(connection, transaction, "UPDATE billing.subscriptions SET status = 'canceled', ended_at = @now, next_attempt_at = NULL WHERE id = @Id", new { subscription.Id, now }, cancellationToken);
            return "canceled";
        }

        if (RenewalSchedule.NextAttempt(periodEnd, subscription.FailedAttempts + 1) is { } next)
        {
            await SetAsync(connection, transaction, """
                UPDATE billing.subscriptions SET status = 'past_due', failed_attempts = failed_attempts + 1, next_attempt_at = @next WHERE id = @Id
                """, new { subscription.Id, next }, cancellationToken);
            return "past_due";
        }

        await SetAsync(connection, transaction, "UPDATE billing.subscriptions SET failed_attempts = failed_attempts + 1 WHERE id = @Id", new { subscription.Id }, cancellationToken);
        await EndAsync(connection, transaction, subscription, "lapsed", now, cancellationToken);
        return "lapsed";
    }

    /// <summary>Ends the subscription (<c>lapsed</c> or <c>canceled</c>) and publishes the withdrawal of each track no other source pays.</summary>
    public static async Task EndAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SubscriptionRow subscription, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await SetAsync(connection, transaction, "UPDATE billing.subscriptions SET status = @status, ended_at = @now, next_attempt_at = NULL WHERE id = @Id", new { subscription.Id, status, now }, cancellationToken);
        await Withdrawals.PublishAsync(connection, transaction, subscription.LearnerId, subscription.TrackIds, EntitlementWithdrawalReason.SubscriptionLapsed, now, cancellationToken);
    }

    private static Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}
