using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;
using Stripe;
using Verification.Billing.Api;
using Verification.Billing.Payments.Webhooks;
using Verification.BuildingBlocks.Outbox;

namespace Verification.Billing.Payments.Stripe;

/// <summary>
/// Stripe's webhook: anonymous, checked by Stripe.net's <see cref="EventUtility"/> against <c>Billing:Stripe:WebhookSecret</c>
/// and the tolerance; each event id is applied once, in the transaction that applies it, as the local webhook's are.
/// </summary>
internal static class ReceiveStripeWebhookEndpoint
{
    public static void MapReceiveStripeWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/billing/webhooks/stripe", ReceiveAsync).WithName("ReceiveStripeWebhook").WithTags("Billing").AllowAnonymous()
            .WithSummary("Stripe's signed webhook (Stripe-Signature): payment_intent.succeeded, payment_intent.payment_failed and charge.refunded; other events are acknowledged and ignored.")
            .DeclaresWebhookRefusals();

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, NpgsqlDataSource dataSource, BillingSettings settings, Outbox outbox, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ReceiveStripeWebhookEndpoint));
        if (await WebhookBody.ReadAsync(http.Request, cancellationToken) is not { } body)
        {
            return WebhookReceipt.TooLarge();
        }

        var now = time.GetUtcNow();
        // Not the configured provider: no secret, so nothing verifies.
        var secret = settings.Provider == StripePaymentProvider.ProviderName ? settings.Stripe.WebhookSecret : null;
        var (stripeEvent, check) = StripeWebhooks.Verify(body, http.Request.Headers[StripeWebhooks.Header], secret, now, TimeSpan.FromSeconds(settings.WebhookToleranceSeconds));
        switch (check)
        {
            case WebhookCheck.TimestampOutsideTolerance or WebhookCheck.SignatureMismatch:
                logger.LogInformation("Stripe webhook refused: {Check}", check);
                return WebhookReceipt.Refused(check, "Stripe signs with the endpoint's whsec_ secret (Billing:Stripe:WebhookSecret).");
            case WebhookCheck.Malformed:
                return Unreadable();
        }

        if (stripeEvent is not { Id.Length: > 0 and <= 255, Type.Length: > 0 } || StripeEvents.Read(stripeEvent) is not { } change)
        {
            return stripeEvent is { Id.Length: > 0 and <= 255 } && !StripeEvents.Handled.Contains(stripeEvent.Type) ? TypedResults.Ok(new { status = "ignored" }) : Unreadable();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await WebhookReceipt.RememberOnceAsync(connection, transaction, StripePaymentProvider.ProviderName, stripeEvent.Id, stripeEvent.Type, now, cancellationToken))
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
            return applied == StripeEventResult.AmountMismatch ? WebhookReceipt.AmountMismatch() : WebhookReceipt.PaymentUnknown("Stripe");
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Signal();
        logger.LogInformation("Stripe event {EventType} applied", stripeEvent.Type);
        return TypedResults.Ok(new { status = "applied" });
    }

    private static IResult Unreadable() => BillingProblems.Create(
        StatusCodes.Status400BadRequest, "webhook_unreadable", "The webhook event cannot be read.", "A handled event must carry its payment_intent or charge object.");
}
