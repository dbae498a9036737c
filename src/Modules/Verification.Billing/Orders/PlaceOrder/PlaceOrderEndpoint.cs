using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Api;
using Verification.Billing.Orders;
using Verification.Billing.Payments;

namespace Verification.Billing.Orders.PlaceOrder;

internal static class PlaceOrderEndpoint
{
    public sealed record PlaceOrderRequest(Guid? CourseId, Guid? SpecializationId, string? Card);

    public static void MapPlaceOrder(this IEndpointRouteBuilder learners) =>
        learners.MapPost("/orders", PlaceAsync).WithName("PlaceOrder")
            .WithSummary("Buy the verified certificate track of a course or specialization with a card, under an Idempotency-Key.")
            .Produces<OrderView>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status400BadRequest, "idempotency_key_required", "invalid_input")
            .Refuses(StatusCodes.Status402PaymentRequired, "card_declined", "insufficient_funds", "card_unknown")
            .Refuses(StatusCodes.Status404NotFound, "track_not_found")
            .Refuses(StatusCodes.Status409Conflict, "track_retired", "already_paid", "payment_pending")
            .Refuses(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "payment_provider_unavailable");

    private static async Task<IResult> PlaceAsync(Guid learnerId, PlaceOrderRequest request, HttpContext http, PlaceOrderHandler handler, IPaymentProvider provider, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers[Idempotency.IdempotencyKeys.Header].ToString();
        if (!Idempotency.IdempotencyKeys.IsValid(key))
        {
            return BillingProblems.IdempotencyKeyRequired();
        }

        if ((request.CourseId is null) == (request.SpecializationId is null) || string.IsNullOrWhiteSpace(request.Card) || request.Card.Length > 64)
        {
            return BillingProblems.Invalid("Give either courseId or specializationId, and the card number.");
        }

        if (provider.PaymentMethodFor(request.Card.Trim()) is not { } method)
        {
            return BillingProblems.Invalid("The card is not one the payment provider takes: with Stripe, give the PaymentMethod id (pm_…) from Stripe's page.");
        }

        if (LearnerCaller.PartnerOf(http.User) is not { } partner)
        {
            return BillingProblems.TrackNotFound();
        }

        return await handler.PlaceAsync(learnerId, partner, key, request.CourseId ?? request.SpecializationId!.Value, method, cancellationToken);
    }
}
