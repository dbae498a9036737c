using Dapper;
using Npgsql;

namespace Verification.Billing.Orders;

/// <summary>A provider's word on an order's payment, from whichever webhook carries it: paid (ledger written) or failed.</summary>
internal static class OrderConfirmations
{
    private const string Find = "SELECT " + OrderRow.Columns + " FROM billing.orders WHERE provider = @provider AND provider_payment_id = @paymentId FOR UPDATE";

    public static Task<OrderRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string provider, string paymentId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(Find, new { provider, paymentId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Marks a pending order paid and posts the payment; false (nothing changed) when the amount or currency differs from the order's.</summary>
    public static async Task<bool> PaidAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OrderRow order, long amount, string currency, int partnerSharePercent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (order.Status != "pending")
        {
            return true;
        }

        if (order.AmountMinor != amount || !string.Equals(order.Currency, currency, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition("UPDATE billing.orders SET status = 'paid', paid_at = @now WHERE id = @Id", new { order.Id, now }, transaction, cancellationToken: cancellationToken));
        await PaidOrders.PostPaymentAsync(connection, transaction, order.Id, order.LearnerId, order.PartnerId, order.AmountMinor, order.Currency, partnerSharePercent, now, cancellationToken);
        return true;
    }

    /// <summary>A pending order whose payment failed after it was accepted: declined, with the provider's code.</summary>
    public static Task FailedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OrderRow order, string declineCode, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE billing.orders SET status = 'declined', decline_code = @declineCode WHERE id = @Id AND status = 'pending'", new { order.Id, declineCode }, transaction, cancellationToken: cancellationToken));
}
