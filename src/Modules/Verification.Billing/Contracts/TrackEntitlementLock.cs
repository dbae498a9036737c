using Dapper;
using Npgsql;

namespace Verification.Billing.Contracts;

/// <summary>
/// A learner's entitlements as one advisory lock, so that a refund and a decision made on the entitlement do not
/// interleave. Billing holds it exclusively from asking the <see cref="IRefundGuard"/>s until the refund commits; a
/// module that decides on <see cref="GetTrackEntitlement"/> (Certificates) holds it shared from asking until what it
/// decided is committed. Without it a certificate could be issued between the guard's "none issued" and the refund's
/// commit, leaving the fee refunded and the certificate valid.
/// </summary>
public static class TrackEntitlementLock
{
    private const string Key = "hashtextextended('billing-entitlements:' || @learnerId::text, 0)";

    /// <summary>Waits for a refund of the learner's that is being decided; the next one waits for this transaction.</summary>
    public static Task ShareAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid learnerId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_xact_lock_shared({Key})", new { learnerId }, transaction, cancellationToken: cancellationToken));

    internal static Task HoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid learnerId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_xact_lock({Key})", new { learnerId }, transaction, cancellationToken: cancellationToken));
}
