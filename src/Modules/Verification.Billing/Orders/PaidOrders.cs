using Npgsql;
using Verification.Billing.Ledger;

namespace Verification.Billing.Orders;

/// <summary>The one place an order becomes paid in the ledger: the learner's payment, split between partner and platform.</summary>
internal static class PaidOrders
{
    public static Task PostPaymentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orderId, Guid learnerId, Guid? partnerId, long amount, string currency, int partnerSharePercent, DateTimeOffset now, CancellationToken cancellationToken) =>
        LedgerWriter.PostAsync(
            connection,
            transaction,
            new LedgerEntry(Guid.CreateVersion7(), "payment", learnerId, partnerId, currency, now) { OrderId = orderId },
            LedgerSplits.Payment(learnerId, partnerId, amount, partnerSharePercent),
            cancellationToken);
}
