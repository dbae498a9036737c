using Mediator;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Outbox;

namespace Verification.Billing;

/// <summary>Billing's outbox (<c>billing.outbox</c>) and the notifications it carries to Enrollment and Certificates.</summary>
internal static class BillingOutbox
{
    public static readonly OutboxTable Table = new("billing", [typeof(TrackEntitlementWithdrawn)]);

    public static Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, INotification message, DateTimeOffset now, CancellationToken cancellationToken) =>
        Outbox.AppendAsync(connection, transaction, Table, message, now, cancellationToken);
}
