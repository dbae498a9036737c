using Dapper;
using Mediator;
using Npgsql;
using Verification.Billing.Contracts;

namespace Verification.Billing.Orders.GetBilling;

public sealed class GetBillingHistoryHandler(NpgsqlDataSource dataSource) : IQueryHandler<GetBillingHistory, BillingHistory>
{
    private const string Sql = """
        SELECT id AS OrderId, certificate_track_id AS CertificateTrackId, amount_minor AS AmountMinor, trim(currency) AS Currency, status AS Status,
               created_at AS CreatedAt, paid_at AS PaidAt, refunded_minor AS RefundedMinor
        FROM billing.orders WHERE learner_id = @LearnerId ORDER BY created_at;
        SELECT s.id AS SubscriptionId, p.name AS PlanName, s.status AS Status, p.price_minor AS PriceMinor, trim(p.currency) AS Currency,
               s.created_at AS CreatedAt, s.current_period_end AS CurrentPeriodEnd, s.ended_at AS EndedAt
        FROM billing.subscriptions s JOIN billing.plans p ON p.id = s.plan_id WHERE s.learner_id = @LearnerId ORDER BY s.created_at;
        SELECT id AS ApplicationId, certificate_track_id AS CertificateTrackId, income_bracket AS IncomeBracket, status AS Status,
               created_at AS CreatedAt, decided_at AS DecidedAt
        FROM billing.aid_applications WHERE learner_id = @LearnerId ORDER BY created_at;
        """;

    public async ValueTask<BillingHistory> Handle(GetBillingHistory query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, query, cancellationToken: cancellationToken));
        var orders = (await results.ReadAsync<BilledOrderRow>()).Select(o => o.ToRecord()).ToList();
        var subscriptions = (await results.ReadAsync<BilledSubscriptionRow>()).Select(s => s.ToRecord()).ToList();
        var aid = (await results.ReadAsync<AidRow>()).Select(a => a.ToRecord()).ToList();
        return new BillingHistory(orders, subscriptions, aid);
    }

    private sealed class BilledOrderRow
    {
        public Guid OrderId { get; init; }
        public Guid CertificateTrackId { get; init; }
        public long AmountMinor { get; init; }
        public string Currency { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? PaidAt { get; init; }
        public long RefundedMinor { get; init; }

        public BilledOrder ToRecord() => new(OrderId, CertificateTrackId, AmountMinor, Currency, Status, CreatedAt, PaidAt, RefundedMinor);
    }

    private sealed class BilledSubscriptionRow
    {
        public Guid SubscriptionId { get; init; }
        public string PlanName { get; init; } = "";
        public string Status { get; init; } = "";
        public long PriceMinor { get; init; }
        public string Currency { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? CurrentPeriodEnd { get; init; }
        public DateTimeOffset? EndedAt { get; init; }

        public BilledSubscription ToRecord() => new(SubscriptionId, PlanName, Status, PriceMinor, Currency, CreatedAt, CurrentPeriodEnd, EndedAt);
    }

    private sealed class AidRow
    {
        public Guid ApplicationId { get; init; }
        public Guid CertificateTrackId { get; init; }
        public string IncomeBracket { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }

        public AidApplicationRecord ToRecord() => new(ApplicationId, CertificateTrackId, IncomeBracket, Status, CreatedAt, DecidedAt);
    }
}
