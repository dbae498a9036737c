using Dapper;
using Mediator;
using Npgsql;
using Verification.Billing.Contracts;

namespace Verification.Billing.Subscriptions;

public sealed class CreateSubscriptionPlanHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<CreateSubscriptionPlan, bool>
{
    private const string Sql = """
        INSERT INTO billing.plans (id, name, interval, price_minor, currency, track_ids, created_at)
        VALUES (@PlanId, @Name, @interval, @PriceMinor, @currency, @tracks, @now) ON CONFLICT (id) DO NOTHING
        """;

    public async ValueTask<bool> Handle(CreateSubscriptionPlan command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(command.PriceMinor);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            command.PlanId,
            command.Name,
            interval = Intervals.ToColumn(command.Interval),
            command.PriceMinor,
            currency = command.Currency.ToUpperInvariant(),
            tracks = command.CertificateTrackIds.ToArray(),
            now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken)) == 1;
    }
}
