using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

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
