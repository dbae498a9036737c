using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Api;
using Verification.Billing.Orders;
using Verification.Billing.Payments.Local;
using Verification.Billing.Subscriptions;

namespace Verification.Billing.Payments.Webhooks;

/// <summary>
/// The local provider's webhook: anonymous, but only a body signed with the shared secret, with a fresh timestamp and an
/// event id never seen before changes anything. Marking the order paid, writing the ledger and remembering the event id
/// happen in one transaction, so a replay or a concurrent twin finds the id taken and changes nothing.
/// </summary>
internal static class ReceiveLocalWebhookEndpoint
{
    public static void MapReceiveLocalWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/billing/webhooks/local", ReceiveAsync).WithName("ReceiveLocalPaymentWebhook").WithTags("Billing").AllowAnonymous()
            .WithSummary("The local test-mode payment provider's signed webhook (HMAC-SHA256 over timestamp and body).")
            .DeclaresWebhookRefusals();

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, NpgsqlDataSource dataSource, WebhookSecret secret, BillingSettings settings, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ReceiveLocalWebhookEndpoint));
        if (await WebhookBody.ReadAsync(http.Request, cancellationToken) is not { } body)
        {
            return WebhookReceipt.TooLarge();
        }

        var now = time.GetUtcNow();
        var check = WebhookSignature.Verify(secret.Value, http.Request.Headers[WebhookSignature.Header], body, now, TimeSpan.FromSeconds(settings.WebhookToleranceSeconds));
        if (check != WebhookCheck.Valid)
        {
            logger.LogInformation("Webhook refused: {Check}", check);
            return WebhookReceipt.Refused(check, "Sign t.body with the webhook secret (see docs/billing.md).");
        }

        LocalWebhookEvent? message;
        try
        {
            message = JsonSerializer.Deserialize<LocalWebhookEvent>(body);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is not { Id.Length: > 0 and <= 100, Type: LocalWebhookEvent.PaymentSucceeded, Data.PaymentId.Length: > 0 })
        {
            return BillingProblems.Create(StatusCodes.Status400BadRequest, "webhook_unreadable", "The webhook event is not one this endpoint handles.", "Only signed payment.succeeded events are accepted.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await WebhookReceipt.RememberOnceAsync(connection, transaction, LocalTestProvider.ProviderName, message.Id, message.Type, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            logger.LogInformation("Webhook event already applied; replay ignored");
            return TypedResults.Ok(new { status = "duplicate" });
        }

        var order = await OrderConfirmations.FindAsync(connection, transaction, LocalTestProvider.ProviderName, message.Data.PaymentId, cancellationToken);
        if (order is null && await SubscriptionConfirmations.ConfirmAsync(
            connection, transaction, LocalTestProvider.ProviderName, message.Data.PaymentId, message.Data.AmountMinor, message.Data.Currency, now, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Ok(new { status = "applied" });
        }

        if (order is null)
        {
            // Forget the id: the provider retries.
            await transaction.RollbackAsync(cancellationToken);
            return WebhookReceipt.PaymentUnknown("The provider");
        }

        if (!await OrderConfirmations.PaidAsync(connection, transaction, order, message.Data.AmountMinor, message.Data.Currency, settings.PartnerSharePercent, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            logger.LogWarning("Webhook for order {OrderId} confirms another amount than the order's; refused", order.Id);
            return WebhookReceipt.AmountMismatch();
        }

        logger.LogInformation("Order {OrderId} paid", order.Id);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new { status = "applied" });
    }
}
