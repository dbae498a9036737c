using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Api;
using Verification.Billing.Idempotency;
using Verification.Billing.Payments;

namespace Verification.Billing.Subscriptions.Subscribe;

/// <summary>
/// Subscribes the learner to a plan and charges its first period, under an Idempotency-Key. The subscription is
/// 'incomplete' until the provider's webhook confirms the charge, then 'active' for one period from that moment.
/// </summary>
internal static class SubscribeEndpoint
{
    public sealed record SubscribeRequest(Guid PlanId, string? Card);

    private const string Existing = "SELECT count(*) FROM billing.subscriptions WHERE learner_id = @learnerId AND plan_id = @PlanId AND status IN ('incomplete', 'active', 'past_due')";

    private const string Insert = """
        INSERT INTO billing.subscriptions (id, learner_id, plan_id, status, payment_method, created_at) VALUES (@id, @learnerId, @PlanId, 'incomplete', @card, @now)
        """;

    public static void MapSubscribe(this IEndpointRouteBuilder learners) =>
        learners.MapPost("/subscriptions", SubscribeAsync).WithName("Subscribe")
            .WithSummary("Subscribe to a monthly or yearly plan with a card, under an Idempotency-Key; active once the first charge is confirmed.")
            .Produces<SubscriptionView>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status400BadRequest, "idempotency_key_required", "invalid_input")
            .Refuses(StatusCodes.Status402PaymentRequired, "card_declined", "insufficient_funds", "card_unknown")
            .Refuses(StatusCodes.Status404NotFound, "plan_not_found")
            .Refuses(StatusCodes.Status409Conflict, "already_subscribed")
            .Refuses(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "payment_provider_unavailable");

    private static async Task<IResult> SubscribeAsync(
        Guid learnerId, SubscribeRequest request, HttpContext http, NpgsqlDataSource dataSource, SubscriptionCharges charges, IPaymentProvider provider, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers[IdempotencyKeys.Header].ToString();
        if (!IdempotencyKeys.IsValid(key))
        {
            return BillingProblems.IdempotencyKeyRequired();
        }

        if (string.IsNullOrWhiteSpace(request.Card) || request.Card.Length > 64)
        {
            return BillingProblems.Invalid("Give the planId and the card number.");
        }

        var scope = "learner:" + learnerId;
        var now = time.GetUtcNow();
        // The provider's payment-method id is stored for the renewals, never the card number.
        if (provider.PaymentMethodFor(request.Card.Trim()) is not { } card)
        {
            return BillingProblems.Invalid("The card is not one the payment provider takes: with Stripe, give the PaymentMethod id (pm_…) from Stripe's page.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await IdempotencyKeys.ClaimAsync(connection, transaction, scope, key, IdempotencyKeys.Fingerprint("subscribe", $"{request.PlanId}|{card}"), now, cancellationToken) is { } stored)
        {
            await transaction.CommitAsync(cancellationToken);
            return stored.SameRequest ? Answer.Replay(stored) : BillingProblems.IdempotencyKeyReused();
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended(@name, 0))", new { name = $"billing-subscribe:{learnerId}:{request.PlanId}" }, transaction, cancellationToken: cancellationToken));
        Answer answer;
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM billing.plans WHERE id = @PlanId", request, transaction, cancellationToken: cancellationToken)) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return BillingProblems.Create(StatusCodes.Status404NotFound, "plan_not_found", "No such plan.", "Check the plan id.");
        }

        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(Existing, new { learnerId, request.PlanId }, transaction, cancellationToken: cancellationToken)) > 0)
        {
            answer = Answer.Problem(BillingProblems.Create(StatusCodes.Status409Conflict, "already_subscribed", "The learner already subscribes to this plan.", "Cancel or let it lapse first."));
        }
        else
        {
            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(Insert, new { id, learnerId, request.PlanId, card, now }, transaction, cancellationToken: cancellationToken));
            var subscription = await connection.QuerySingleAsync<SubscriptionRow>(new CommandDefinition(SubscriptionRow.Select + " WHERE s.id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            var outcome = await charges.ChargeAsync(connection, transaction, subscription, now, $"subscribe:{learnerId}:{key}", now, cancellationToken);
            if (outcome is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return BillingProblems.ProviderUnavailable();
            }

            if (outcome.Accepted)
            {
                answer = Answer.Json(StatusCodes.Status202Accepted, subscription.ToView());
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition("UPDATE billing.subscriptions SET status = 'canceled', ended_at = @now WHERE id = @id", new { id, now }, transaction, cancellationToken: cancellationToken));
                answer = Answer.Problem(BillingProblems.Create(StatusCodes.Status402PaymentRequired, outcome.DeclineCode!, "The card was declined.", "Nothing was charged. Try another card."));
            }
        }

        await IdempotencyKeys.CompleteAsync(connection, transaction, scope, key, answer.Status, answer.Body, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return answer;
    }
}
