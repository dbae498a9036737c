using Dapper;
using Mediator;
using Npgsql;
using Verification.Billing.Contracts;

namespace Verification.Billing.Entitlements;

public sealed class GetTrackEntitlementHandler(NpgsqlDataSource dataSource) : IQueryHandler<GetTrackEntitlement, TrackEntitlement>
{
    private const string Sql = """
        SELECT EXISTS (SELECT 1 FROM billing.orders
                       WHERE learner_id = @LearnerId AND certificate_track_id = @CertificateTrackId AND status = 'paid')
        """;

    public async ValueTask<TrackEntitlement> Handle(GetTrackEntitlement query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var paid = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Sql, query, cancellationToken: cancellationToken));
        return paid
            ? new TrackEntitlement(query.LearnerId, query.CertificateTrackId, EntitlementState.Paid, EntitlementSource.Order)
            : new TrackEntitlement(query.LearnerId, query.CertificateTrackId, EntitlementState.NotPaid, null);
    }
}
