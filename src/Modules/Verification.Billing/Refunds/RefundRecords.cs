using Dapper;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Billing.Entitlements;
using Verification.Billing.Ledger;
using Verification.Billing.Orders;

namespace Verification.Billing.Refunds;

/// <summary>
/// A refund the provider made, however it was asked (the learner's request, or Stripe's dashboard reported by its
/// webhook): the refund row, the order's refunded amount, the ledger entry and, when the track is no longer paid, the withdrawal.
/// </summary>
internal static class RefundRecords
{
    private const string Record = """
        INSERT INTO billing.refunds (id, order_id, amount_minor, reason, provider_refund_id, created_at) VALUES (@id, @orderId, @amount, @reason, @providerRefundId, @now);
        UPDATE billing.orders SET refunded_minor = refunded_minor + @amount, status = CASE WHEN refunded_minor + @amount = amount_minor THEN 'refunded' ELSE status END
        WHERE id = @orderId
        """;

    public static async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OrderRow order, long refund, string? reason, string providerRefundId, int partnerSharePercent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var refundId = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(Record, new { id = refundId, orderId = order.Id, amount = refund, reason, providerRefundId, now }, transaction, cancellationToken: cancellationToken));
        await LedgerWriter.PostAsync(
            connection,
            transaction,
            new LedgerEntry(Guid.CreateVersion7(), "refund", order.LearnerId, order.PartnerId, order.Currency, now) { OrderId = order.Id, RefundId = refundId },
            LedgerSplits.Refund(order.LearnerId, order.PartnerId, order.AmountMinor, order.RefundedMinor, refund, partnerSharePercent),
            cancellationToken);
        await Withdrawals.PublishAsync(connection, transaction, order.LearnerId, [order.CertificateTrackId], EntitlementWithdrawalReason.Refunded, now, cancellationToken);
    }
}
