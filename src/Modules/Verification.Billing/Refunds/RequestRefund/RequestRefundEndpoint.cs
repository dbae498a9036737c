using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Api;
using Verification.Billing.Idempotency;
using Verification.Billing.Orders;

namespace Verification.Billing.Refunds.RequestRefund;

internal static class RequestRefundEndpoint
{
    /// <param name="AmountMinor">Part of the payment to give back; the whole remainder when omitted.</param>
    public sealed record RefundRequestBody(long? AmountMinor, string? Reason);

    public static void MapRequestRefund(this IEndpointRouteBuilder learners) =>
        learners.MapPost("/orders/{orderId:guid}/refunds", RefundAsync).WithName("RefundOrder")
            .WithSummary("Refund an order in full or in part within the refund window, through the provider, under an Idempotency-Key.")
            .Produces<OrderView>(StatusCodes.Status200OK)
            .Refuses(StatusCodes.Status400BadRequest, "idempotency_key_required", "invalid_input")
            .Refuses(StatusCodes.Status404NotFound, "order_not_found")
            .Refuses(StatusCodes.Status409Conflict, "order_not_refundable", "refund_window_closed", "certificate_issued")
            .Refuses(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused", "refund_exceeds_payment")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "payment_provider_unavailable");

    private static async Task<IResult> RefundAsync(Guid learnerId, Guid orderId, RefundRequestBody request, HttpContext http, RequestRefundHandler handler, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers[IdempotencyKeys.Header].ToString();
        if (!IdempotencyKeys.IsValid(key))
        {
            return BillingProblems.IdempotencyKeyRequired();
        }

        if (request.AmountMinor is <= 0 || request.Reason is { Length: > 500 })
        {
            return BillingProblems.Invalid("amountMinor, when given, is a positive number of minor units; reason is at most 500 characters.");
        }

        return await handler.RefundAsync(learnerId, orderId, key, request.AmountMinor, request.Reason, cancellationToken);
    }
}
