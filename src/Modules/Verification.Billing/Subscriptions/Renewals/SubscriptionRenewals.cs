using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Billing.Entitlements;
using Verification.BuildingBlocks.Outbox;

namespace Verification.Billing.Subscriptions.Renewals;

/// <summary>
/// Renews the subscriptions whose attempt is due at <see cref="TimeProvider"/>'s now: ends those cancelled at period end,
/// charges the others, schedules a retry after a decline (<see cref="RenewalSchedule"/>) and lapses them after the last.
/// Each subscription is handled in its own transaction, locked with SKIP LOCKED so that several nodes share the work.
/// </summary>
internal sealed class SubscriptionRenewals(NpgsqlDataSource dataSource, SubscriptionCharges charges, Outbox outbox, TimeProvider time, ILogger<SubscriptionRenewals> logger)
{
    private const string NextDue = SubscriptionRow.Select + """
         WHERE s.status IN ('active', 'past_due') AND s.next_attempt_at <= @now
        ORDER BY s.next_attempt_at LIMIT 1 FOR UPDATE OF s SKIP LOCKED
        """;

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
        if (subscription.CancelAtPeriodEnd)
        {
            await EndAsync(connection, transaction, subscription, "canceled", now, cancellationToken);
        }
        else
        {
            var outcome = await charges.ChargeAsync(
                connection, transaction, subscription, periodEnd, $"renewal:{subscription.Id}:{periodEnd.ToUnixTimeSeconds()}:{subscription.FailedAttempts}", now, cancellationToken);
            if (outcome is null)
            {
                // The provider was away: not an attempt against the learner; try again within the hour.
                await SetAsync(connection, transaction, "UPDATE billing.subscriptions SET next_attempt_at = @next WHERE id = @Id", new { subscription.Id, next = now.AddHours(1) }, cancellationToken);
            }
            else if (outcome.Accepted)
            {
                // Confirmed by the webhook, which moves the period on; until then nothing is due.
                await SetAsync(connection, transaction, "UPDATE billing.subscriptions SET next_attempt_at = NULL WHERE id = @Id", new { subscription.Id }, cancellationToken);
            }
            else if (RenewalSchedule.NextAttempt(periodEnd, subscription.FailedAttempts + 1) is { } next)
            {
                await SetAsync(connection, transaction, """
                    UPDATE billing.subscriptions SET status = 'past_due', failed_attempts = failed_attempts + 1, next_attempt_at = @next WHERE id = @Id
                    """, new { subscription.Id, next }, cancellationToken);
            }
            else
            {
                await SetAsync(connection, transaction, "UPDATE billing.subscriptions SET failed_attempts = failed_attempts + 1 WHERE id = @Id", new { subscription.Id }, cancellationToken);
                await EndAsync(connection, transaction, subscription, "lapsed", now, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task EndAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SubscriptionRow subscription, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await SetAsync(connection, transaction, "UPDATE billing.subscriptions SET status = @status, ended_at = @now, next_attempt_at = NULL WHERE id = @Id", new { subscription.Id, status, now }, cancellationToken);
        await Withdrawals.PublishAsync(connection, transaction, subscription.LearnerId, subscription.TrackIds, EntitlementWithdrawalReason.SubscriptionLapsed, now, cancellationToken);
        logger.LogInformation("Subscription {SubscriptionId} {Status}", subscription.Id, status);
    }

    private static Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}
