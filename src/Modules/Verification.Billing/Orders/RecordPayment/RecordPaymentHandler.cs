using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Mediator;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Catalog.Contracts;

namespace Verification.Billing.Orders.RecordPayment;

/// <summary>
/// A paid order without a card (the demo seed, other modules' tests), written to the ledger like any payment. The
/// partner's share goes to the track's partner; for a track the catalog does not know it stays unassigned (owner null).
/// </summary>
// The settings are resolved, not injected: a routed handler is public and its constructor cannot name the module's internal types.
public sealed class RecordPaymentHandler(NpgsqlDataSource dataSource, IMediator mediator, IServiceProvider services, TimeProvider time) : ICommandHandler<Contracts.RecordPayment, PaymentRecorded>
{
    private const string Sql = """
        INSERT INTO billing.orders (id, learner_id, partner_id, certificate_track_id, amount_minor, currency, status, created_at, paid_at, provider)
        VALUES (@OrderId, @LearnerId, @PartnerId, @CertificateTrackId, @AmountMinor, @Currency, 'paid', @now, @now, 'recorded')
        ON CONFLICT (id) DO NOTHING
        """;

    public async ValueTask<PaymentRecorded> Handle(Contracts.RecordPayment command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(command.AmountMinor);
        var currency = command.Currency.ToUpperInvariant();
        var partnerId = (await mediator.Send(new GetCertificateTrackForSale(command.CertificateTrackId), cancellationToken))?.PartnerId;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql, new { command.OrderId, command.LearnerId, PartnerId = partnerId, command.CertificateTrackId, command.AmountMinor, Currency = currency, now }, transaction, cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            await PaidOrders.PostPaymentAsync(connection, transaction, command.OrderId, command.LearnerId, partnerId, command.AmountMinor, currency, services.GetRequiredService<BillingSettings>().PartnerSharePercent, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new PaymentRecorded(command.OrderId, inserted == 0);
    }
}
