using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Verification.Billing.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Billing.Payments.Webhooks;

/// <summary>
/// What every payment provider's webhook endpoint shares: the refusals it declares, their problem answers, and the
/// event-id record that makes each event apply once (inside the transaction that applies it).
/// </summary>
internal static class WebhookReceipt
{
    private const string Remember = """
        INSERT INTO billing.webhook_events (provider, event_id, event_type, received_at) VALUES (@provider, @id, @type, @now) ON CONFLICT DO NOTHING
        """;

    public static RouteHandlerBuilder DeclaresWebhookRefusals(this RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status200OK)
        .Refuses(StatusCodes.Status400BadRequest, "webhook_signature_invalid", "webhook_timestamp_out_of_tolerance", "webhook_unreadable", "webhook_amount_mismatch")
        .Refuses(StatusCodes.Status404NotFound, "payment_unknown")
        .Refuses(StatusCodes.Status413PayloadTooLarge, "webhook_too_large");

    /// <summary>False when the event was already applied (a replay, or a concurrent twin that committed first).</summary>
    public static async Task<bool> RememberOnceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string provider, string id, string type, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(Remember, new { provider, id, type, now }, transaction, cancellationToken: cancellationToken)) == 1;

    public static IResult TooLarge() =>
        BillingProblems.Create(StatusCodes.Status413PayloadTooLarge, "webhook_too_large", "The webhook body is too large.", "A webhook body is at most 64 KB.");

    /// <summary>The answer to a failed signature check; <paramref name="secretHint"/> says which secret signs.</summary>
    public static IResult Refused(WebhookCheck check, string secretHint) => check == WebhookCheck.TimestampOutsideTolerance
        ? BillingProblems.Create(StatusCodes.Status400BadRequest, "webhook_timestamp_out_of_tolerance", "The webhook is too old.", "The signed timestamp is outside the tolerance window.")
        : BillingProblems.Create(StatusCodes.Status400BadRequest, "webhook_signature_invalid", "The webhook signature does not match.", secretHint);

    public static IResult AmountMismatch() =>
        BillingProblems.Create(StatusCodes.Status400BadRequest, "webhook_amount_mismatch", "The confirmed amount differs from the order.", "The order stays pending.");

    /// <summary>The order's own transaction may not have committed yet: a non-2xx answer makes the provider retry.</summary>
    public static IResult PaymentUnknown(string provider) =>
        BillingProblems.Create(StatusCodes.Status404NotFound, "payment_unknown", "No order or subscription holds this payment.", $"{provider} retries; the order may not be recorded yet.");
}
