using Dapper;
using Mediator;
using Npgsql;
using Verification.Billing.Contracts;

namespace Verification.Billing.Orders.RecordPayment;

public sealed class RecordPaymentHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.RecordPayment, PaymentRecorded>
{
    private const string Sql = """
        INSERT INTO billing.orders (id, learner_id, certificate_track_id, amount_minor, currency, status, created_at, paid_at)
        VALUES (@OrderId, @LearnerId, @CertificateTrackId, @AmountMinor, @Currency, 'paid', @now, @now)
        ON CONFLICT (id) DO NOTHING
        """;

    public async ValueTask<PaymentRecorded> Handle(Contracts.RecordPayment command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(command.AmountMinor);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql, new { command.OrderId, command.LearnerId, command.CertificateTrackId, command.AmountMinor, command.Currency, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return new PaymentRecorded(command.OrderId, inserted == 0);
    }
}
