using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Payments;

namespace Verification.Billing.Orders.Reconcile;

/// <summary>
/// Asks the provider about each order still pending when its confirmation is due (<c>Billing:RenewalConfirmationTimeoutMinutes</c>
/// after it was charged): succeeded, it is paid as the webhook would have made it (a late webhook then changes nothing);
/// pending, asked again after another timeout; failed or unknown, declined with <c>unconfirmed</c>, so the learner can
/// buy the track again. Each order in its own transaction, locked with SKIP LOCKED so that several nodes share the work.
/// </summary>
internal sealed class PendingOrders(NpgsqlDataSource dataSource, IPaymentProvider provider, BillingSettings settings, TimeProvider time, ILogger<PendingOrders> logger) : IDueWork
{
    public const string UnconfirmedCode = "unconfirmed";

    private const string NextDue = "SELECT " + OrderRow.Columns + """
         FROM billing.orders WHERE status = 'pending' AND provider = @provider AND confirmation_due_at <= @now
        ORDER BY confirmation_due_at LIMIT 1 FOR UPDATE SKIP LOCKED
        """;

    private const string Postpone = "UPDATE billing.orders SET confirmation_due_at = @next WHERE id = @id";

    public static string Name => "Pending orders' reconciliation";

    /// <summary>Handles every order whose confirmation is due; returns how many were handled.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (await ReconcileNextAsync(cancellationToken))
        {
            handled++;
        }

        return handled;
    }

    private async Task<bool> ReconcileNextAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(NextDue, new { provider = provider.Name, now }, transaction, cancellationToken: cancellationToken));
        if (order is null)
        {
            return false;
        }

        PaymentStatus status;
        try
        {
            status = order.ProviderPaymentId is null ? PaymentStatus.Unknown : await provider.StatusAsync(order.ProviderPaymentId, cancellationToken);
        }
        catch (PaymentProviderUnavailableException ex)
        {
            logger.LogWarning("Payment provider unavailable while reconciling order {OrderId}: {Reason}", order.Id, ex.Message);
            await PostponeAsync(connection, transaction, order.Id, now.AddHours(1), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        logger.LogInformation("Order {OrderId} unconfirmed after the timeout; the provider reports {PaymentStatus}", order.Id, status);
        switch (status)
        {
            case PaymentStatus.Succeeded:
                await OrderConfirmations.PaidAsync(connection, transaction, order, order.AmountMinor, order.Currency, settings.PartnerSharePercent, now, cancellationToken);
                break;
            case PaymentStatus.Pending:
                await PostponeAsync(connection, transaction, order.Id, now + settings.RenewalConfirmationTimeout, cancellationToken);
                break;
            default:
                await OrderConfirmations.FailedAsync(connection, transaction, order, UnconfirmedCode, cancellationToken);
                break;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task PostponeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, DateTimeOffset next, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Postpone, new { id, next }, transaction, cancellationToken: cancellationToken));
}
