using Dapper;
using Mediator;
using Npgsql;
using Verification.Billing.Contracts;

namespace Verification.Billing.Entitlements;

public sealed class GetTrackEntitlementHandler(NpgsqlDataSource dataSource) : IQueryHandler<GetTrackEntitlement, TrackEntitlement>
{
    public async ValueTask<TrackEntitlement> Handle(GetTrackEntitlement query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var source = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(EntitlementSql.Source, query, cancellationToken: cancellationToken));
        return source switch
        {
            "order" => new TrackEntitlement(query.LearnerId, query.CertificateTrackId, EntitlementState.Paid, EntitlementSource.Order),
            "subscription" => new TrackEntitlement(query.LearnerId, query.CertificateTrackId, EntitlementState.Paid, EntitlementSource.Subscription),
            "aid" => new TrackEntitlement(query.LearnerId, query.CertificateTrackId, EntitlementState.Paid, EntitlementSource.FinancialAid),
            _ => new TrackEntitlement(query.LearnerId, query.CertificateTrackId, EntitlementState.NotPaid, null),
        };
    }
}
