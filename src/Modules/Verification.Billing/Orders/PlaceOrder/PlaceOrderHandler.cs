using Dapper;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Api;
using Verification.Billing.Idempotency;
using Verification.Billing.Payments;
using Verification.Catalog.Contracts;

namespace Verification.Billing.Orders.PlaceOrder;

/// <summary>
/// Places an order at the catalog's price and charges it, all in one transaction with the Idempotency-Key's claim, so
/// that the same request sent twice, or twenty times at once, charges once and answers the same. The charge is
/// confirmed later by the provider's webhook, which marks the order paid and writes the ledger.
/// </summary>
internal sealed class PlaceOrderHandler(NpgsqlDataSource dataSource, IMediator mediator, IPaymentProvider provider, BillingSettings settings, TimeProvider time, ILogger<PlaceOrderHandler> logger)
{
    private const string Insert = """
        INSERT INTO billing.orders (id, learner_id, partner_id, certificate_track_id, amount_minor, currency, status, created_at, provider)
        VALUES (@Id, @LearnerId, @PartnerId, @TrackId, @AmountMinor, @Currency, 'pending', @Now, @Provider)
        """;

    private const string Existing = """
        SELECT status FROM billing.orders
        WHERE learner_id = @learnerId AND certificate_track_id = @trackId AND status IN ('pending', 'paid') AND refunded_minor < amount_minor
        ORDER BY status = 'paid' DESC LIMIT 1
        """;

    public async Task<IResult> PlaceAsync(Guid learnerId, Guid partnerId, string key, Guid trackOrOwnerId, string paymentMethod, CancellationToken cancellationToken)
    {
        var track = await mediator.Send(new GetCertificateTrackForSale(trackOrOwnerId), cancellationToken);
        if (track is null || track.PartnerId != partnerId)
        {
            return BillingProblems.TrackNotFound();
        }

        var scope = "learner:" + learnerId;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await IdempotencyKeys.ClaimAsync(connection, transaction, scope, key, IdempotencyKeys.Fingerprint("order", $"{trackOrOwnerId}|{paymentMethod}"), now, cancellationToken) is { } stored)
        {
            await transaction.CommitAsync(cancellationToken);
            return stored.SameRequest ? Answer.Replay(stored) : BillingProblems.IdempotencyKeyReused();
        }

        var answer = await DecideAsync(connection, transaction, learnerId, track, key, paymentMethod, now, cancellationToken);
        if (answer is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return BillingProblems.ProviderUnavailable();
        }

        await IdempotencyKeys.CompleteAsync(connection, transaction, scope, key, answer.Status, answer.Body, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return answer;
    }

    /// <summary>The answer to store under the key, or null when the provider was unreachable (nothing stored, retry allowed).</summary>
    private async Task<Answer?> DecideAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid learnerId, CertificateTrackForSale track, string key, string paymentMethod, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (track.Retired)
        {
            return Answer.Problem(BillingProblems.Create(StatusCodes.Status409Conflict, "track_retired", "This track is no longer sold.", "The course or specialization was retired."));
        }

        // One purchase of a track at a time per learner, whatever the keys: two different keys must not both charge.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended(@lockName, 0))", new { lockName = $"billing-order:{learnerId}:{track.TrackId}" }, transaction, cancellationToken: cancellationToken));
        var existing = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(Existing, new { learnerId, trackId = track.TrackId }, transaction, cancellationToken: cancellationToken));
        if (existing is not null)
        {
            return Answer.Problem(existing == "paid"
                ? BillingProblems.Create(StatusCodes.Status409Conflict, "already_paid", "This track is already paid.", "The learner holds this certificate track; nothing was charged.")
                : BillingProblems.Create(StatusCodes.Status409Conflict, "payment_pending", "A payment for this track is being confirmed.", "Wait for the pending order to be confirmed."));
        }

        var order = new { Id = Guid.CreateVersion7(), LearnerId = learnerId, track.PartnerId, track.TrackId, AmountMinor = track.PriceMinor, track.Currency, Now = now, Provider = provider.Name };
        await connection.ExecuteAsync(new CommandDefinition(Insert, order, transaction, cancellationToken: cancellationToken));
        ChargeOutcome outcome;
        try
        {
            outcome = await provider.ChargeAsync(new ChargeRequest($"order:{learnerId}:{key}", order.Id, track.PriceMinor, track.Currency, paymentMethod, track.Title), cancellationToken);
        }
        catch (PaymentProviderUnavailableException ex)
        {
            logger.LogWarning("Payment provider {Provider} unavailable for order {OrderId}: {Reason}", provider.Name, order.Id, ex.Message);
            return null;
        }

        if (outcome.Accepted)
        {
            // Past this time without the webhook, the provider is asked (PendingOrders).
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE billing.orders SET provider_payment_id = @PaymentId, confirmation_due_at = @dueAt WHERE id = @Id",
                new { outcome.PaymentId, order.Id, dueAt = now + settings.RenewalConfirmationTimeout }, transaction, cancellationToken: cancellationToken));
            logger.LogInformation("Order {OrderId} placed for track {TrackId}; awaiting the provider's confirmation", order.Id, track.TrackId);
            return Answer.Json(StatusCodes.Status202Accepted, Pending(order.Id, track, now));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE billing.orders SET status = 'declined', decline_code = @DeclineCode WHERE id = @Id", new { outcome.DeclineCode, order.Id }, transaction, cancellationToken: cancellationToken));
        logger.LogInformation("Order {OrderId} declined: {DeclineCode}", order.Id, outcome.DeclineCode);
        var problem = BillingProblems.Create(StatusCodes.Status402PaymentRequired, outcome.DeclineCode!, "The card was declined.", "Nothing was charged. Try another card.");
        problem.ProblemDetails.Extensions["orderId"] = order.Id;
        return Answer.Problem(problem);
    }

    private static OrderView Pending(Guid orderId, CertificateTrackForSale track, DateTimeOffset now) =>
        new(orderId, track.TrackId, track.PriceMinor, track.Currency, "pending", now, null, 0, null, null, null);
}
