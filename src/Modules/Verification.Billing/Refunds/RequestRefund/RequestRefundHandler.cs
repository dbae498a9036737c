using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Api;
using Verification.Billing.Contracts;
using Verification.Billing.Idempotency;
using Verification.Billing.Orders;
using Verification.Billing.Payments;
using Verification.BuildingBlocks.Outbox;

namespace Verification.Billing.Refunds.RequestRefund;

/// <summary>
/// Refunds within the window, unless another module vetoes (<see cref="IRefundGuard"/>): through the provider, then the
/// order, the ledger and, when the track is no longer paid, the withdrawal notification, in one transaction.
/// </summary>
internal sealed class RequestRefundHandler(
    NpgsqlDataSource dataSource, IPaymentProvider provider, IEnumerable<IRefundGuard> guards, BillingSettings settings, Outbox outbox, TimeProvider time, ILogger<RequestRefundHandler> logger)
{
    private const string Lock = "SELECT " + OrderRow.Columns + " FROM billing.orders WHERE id = @orderId AND learner_id = @learnerId FOR UPDATE";

    public async Task<IResult> RefundAsync(Guid learnerId, Guid orderId, string key, long? amount, string? reason, CancellationToken cancellationToken)
    {
        var scope = "learner:" + learnerId;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await IdempotencyKeys.ClaimAsync(connection, transaction, scope, key, IdempotencyKeys.Fingerprint("refund", $"{orderId}|{amount}|{reason}"), now, cancellationToken) is { } stored)
        {
            await transaction.CommitAsync(cancellationToken);
            return stored.SameRequest ? Answer.Replay(stored) : BillingProblems.IdempotencyKeyReused();
        }

        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(Lock, new { orderId, learnerId }, transaction, cancellationToken: cancellationToken));
        if (order is null)
        {
            // Not stored under the key: the id may have been mistyped, and a learner learns nothing about others' orders.
            await transaction.RollbackAsync(cancellationToken);
            return BillingProblems.OrderNotFound();
        }

        // Held to the commit: a certificate decided meanwhile is either seen by the guards or sees the refund.
        await TrackEntitlementLock.HoldAsync(connection, transaction, learnerId, cancellationToken);
        var refusal = await RefusalAsync(order, amount, now, cancellationToken);
        Answer answer;
        if (refusal is not null)
        {
            logger.LogInformation("Refund of order {OrderId} refused: {Code}", orderId, refusal.ProblemDetails.Extensions["code"]);
            answer = Answer.Problem(refusal);
        }
        else
        {
            var refund = amount ?? order.AmountMinor - order.RefundedMinor;
            RefundOutcome outcome;
            try
            {
                outcome = await provider.RefundAsync(new RefundRequest($"refund:{learnerId}:{key}", order.ProviderPaymentId ?? order.Id.ToString(), refund, order.Currency), cancellationToken);
            }
            catch (PaymentProviderUnavailableException ex)
            {
                logger.LogWarning("Payment provider unavailable for the refund of order {OrderId}: {Reason}", orderId, ex.Message);
                await transaction.RollbackAsync(cancellationToken);
                return BillingProblems.ProviderUnavailable();
            }

            answer = Answer.Json(StatusCodes.Status200OK, await RecordAsync(connection, transaction, order, refund, reason, outcome, now, cancellationToken));
        }

        await IdempotencyKeys.CompleteAsync(connection, transaction, scope, key, answer.Status, answer.Body, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Signal();
        return answer;
    }

    private async Task<OrderView> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OrderRow order, long refund, string? reason, RefundOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RefundRecords.RecordAsync(connection, transaction, order, refund, reason, outcome.RefundId, settings.PartnerSharePercent, now, cancellationToken);
        logger.LogInformation("Order {OrderId} refunded {Amount} minor units", order.Id, refund);
        var refunded = order.RefundedMinor + refund;
        var view = order.ToView(settings.RefundWindow, now);
        return view with
        {
            RefundedMinor = refunded,
            Status = refunded == order.AmountMinor ? "refunded" : order.Status,
            RefundableUntil = refunded == order.AmountMinor ? null : view.RefundableUntil,
        };
    }

    private async Task<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult?> RefusalAsync(OrderRow order, long? amount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (order.Status != "paid" || order.RefundedMinor >= order.AmountMinor)
        {
            return BillingProblems.Create(StatusCodes.Status409Conflict, "order_not_refundable", "This order has nothing to refund.", "Only a paid order with money left on it can be refunded.");
        }

        if (order.PaidAt + settings.RefundWindow < now)
        {
            return BillingProblems.Create(StatusCodes.Status409Conflict, "refund_window_closed", "The refund window has closed.",
                $"Refunds are possible for {settings.RefundWindowDays} days after payment.");
        }

        if (amount > order.AmountMinor - order.RefundedMinor)
        {
            return BillingProblems.Create(StatusCodes.Status422UnprocessableEntity, "refund_exceeds_payment", "The refund is larger than what is left on the order.",
                $"At most {order.AmountMinor - order.RefundedMinor} minor units can be refunded.");
        }

        foreach (var guard in guards)
        {
            if (await guard.CheckAsync(order.LearnerId, order.CertificateTrackId, cancellationToken) is { } veto)
            {
                return BillingProblems.Create(StatusCodes.Status409Conflict, veto.Code, "The refund is not allowed.", veto.Reason);
            }
        }

        return null;
    }
}
