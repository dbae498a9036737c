using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;
using Stripe;
using Verification.Billing.Api;
using Verification.Billing.Payments.Webhooks;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Outbox;

namespace Verification.Billing.Payments.Stripe;

/// <summary>
/// Stripe's webhook: anonymous, checked by Stripe.net's <see cref="EventUtility"/> against <c>Billing:Stripe:WebhookSecret</c>
/// and the tolerance; each event id is applied once, in the transaction that applies it, as the local webhook's are.
/// </summary>
internal static class ReceiveStripeWebhookEndpoint
{
    private const string Remember = """
        INSERT INTO billing.webhook_events (provider, event_id, event_type, received_at) VALUES ('stripe', @Id, @Type, @now) ON CONFLICT DO NOTHING
        """;

    public static void MapReceiveStripeWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/billing/webhooks/stripe", ReceiveAsync).WithName("ReceiveStripeWebhook").WithTags("Billing").AllowAnonymous()
            .WithSummary("Stripe's signed webhook (Stripe-Signature): payment_intent.succeeded, payment_intent.payment_failed and charge.refunded; other events are acknowledged and ignored.")
            .Produces(StatusCodes.Status200OK)
            .Refuses(StatusCodes.Status400BadRequest, "webhook_signature_invalid", "webhook_timestamp_out_of_tolerance", "webhook_unreadable", "webhook_amount_mismatch")
            .Refuses(StatusCodes.Status404NotFound, "payment_unknown")
            .Refuses(StatusCodes.Status413PayloadTooLarge, "webhook_too_large")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "database_unavailable")
            .AddEndpointFilter(DatabaseFaultFilter.InvokeAsync);

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, NpgsqlDataSource dataSource, BillingSettings settings, Outbox outbox, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ReceiveStripeWebhookEndpoint));
        if (await WebhookBody.ReadAsync(http.Request, cancellationToken) is not { } body)
        {
            return BillingProblems.Create(StatusCodes.Status413PayloadTooLarge, "webhook_too_large", "The webhook body is too large.", "A webhook body is at most 64 KB.");
        }

        var now = time.GetUtcNow();
        // Not the configured provider: no secret, so nothing verifies.
        var secret = settings.Provider == StripePaymentProvider.ProviderName ? settings.Stripe.WebhookSecret : null;
        var (stripeEvent, check) = StripeWebhooks.Verify(body, http.Request.Headers[StripeWebhooks.Header], secret, now, TimeSpan.FromSeconds(settings.WebhookToleranceSeconds));
        switch (check)
        {
            case WebhookCheck.TimestampOutsideTolerance:
                logger.LogInformation("Stripe webhook refused: {Check}", check);
                return BillingProblems.Create(StatusCodes.Status400BadRequest, "webhook_timestamp_out_of_tolerance", "The webhook is too old.", "The signed timestamp is outside the tolerance window.");
            case WebhookCheck.SignatureMismatch:
                logger.LogInformation("Stripe webhook refused: {Check}", check);
                return BillingProblems.Create(StatusCodes.Status400BadRequest, "webhook_signature_invalid", "The webhook signature does not match.", "Stripe signs with the endpoint's whsec_ secret (Billing:Stripe:WebhookSecret).");
            case WebhookCheck.Malformed:
                return Unreadable();
        }

        if (stripeEvent is not { Id.Length: > 0 and <= 255, Type.Length: > 0 } || StripeEvents.Read(stripeEvent) is not { } change)
        {
            return stripeEvent is { Id.Length: > 0 and <= 255 } && !StripeEvents.Handled.Contains(stripeEvent.Type) ? TypedResults.Ok(new { status = "ignored" }) : Unreadable();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Remember, new { stripeEvent.Id, stripeEvent.Type, now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            logger.LogInformation("Stripe event already applied; replay ignored");
            return TypedResults.Ok(new { status = "duplicate" });
        }

        var applied = await StripeEvents.ApplyAsync(connection, transaction, change, settings.PartnerSharePercent, now, cancellationToken);
        if (applied != StripeEventResult.Applied)
        {
            // Forget the event id: Stripe retries a non-2xx answer, and the order's own transaction may not have committed yet.
            await transaction.RollbackAsync(cancellationToken);
            logger.LogWarning("Stripe event {EventType} not applied: {Result}", stripeEvent.Type, applied);
            return applied == StripeEventResult.AmountMismatch
                ? BillingProblems.Create(StatusCodes.Status400BadRequest, "webhook_amount_mismatch", "The confirmed amount differs from the order.", "The order stays pending.")
                : BillingProblems.Create(StatusCodes.Status404NotFound, "payment_unknown", "No order or subscription holds this payment.", "Stripe retries; the order may not be recorded yet.");
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Signal();
        logger.LogInformation("Stripe event {EventType} applied", stripeEvent.Type);
        return TypedResults.Ok(new { status = "applied" });
    }

    private static IResult Unreadable() => BillingProblems.Create(
        StatusCodes.Status400BadRequest, "webhook_unreadable", "The webhook event cannot be read.", "A handled event must carry its payment_intent or charge object.");
}
