using Dapper;
using Npgsql;
using Verification.Billing.Contracts;

namespace Verification.Billing.Entitlements;

/// <summary>After a change that may end entitlements: publishes a withdrawal, through the outbox, for each track no longer paid by any source.</summary>
internal static class Withdrawals
{
    public static async Task PublishAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid learnerId, IEnumerable<Guid> trackIds, EntitlementWithdrawalReason reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var trackId in trackIds.Distinct())
        {
            var source = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                EntitlementSql.Source, new { LearnerId = learnerId, CertificateTrackId = trackId }, transaction, cancellationToken: cancellationToken));
            if (source is null)
            {
                await BillingOutbox.AppendAsync(connection, transaction, new TrackEntitlementWithdrawn(learnerId, trackId, reason, now), now, cancellationToken);
            }
        }
    }
}
