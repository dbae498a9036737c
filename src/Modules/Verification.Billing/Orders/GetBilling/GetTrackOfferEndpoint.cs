using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.OpenApi;
using Verification.Billing.Api;
using Verification.Billing.Contracts;
using Verification.Catalog.Contracts;

namespace Verification.Billing.Orders.GetBilling;

/// <summary>What the course player shows before and after a purchase: the track's price, whether it is paid, and its orders.</summary>
internal static class GetTrackOfferEndpoint
{
    public sealed record TrackOffer(Guid TrackId, string Title, long PriceMinor, string Currency, EntitlementState State, EntitlementSource? Source, IReadOnlyList<OrderView> Orders);

    private const string Orders = "SELECT " + OrderRow.Columns + " FROM billing.orders WHERE learner_id = @learnerId AND certificate_track_id = @trackId ORDER BY created_at DESC";

    public static void MapGetTrackOffer(this IEndpointRouteBuilder learners) =>
        learners.MapGet("/tracks/{courseId:guid}", GetAsync).WithName("GetTrackOffer")
            .WithSummary("The verified track of a course or specialization for this learner: price, whether it is paid, and the orders for it.")
            .Refuses(StatusCodes.Status404NotFound, "track_not_found");

    private static async Task<Results<Ok<TrackOffer>, ProblemHttpResult>> GetAsync(
        Guid learnerId, Guid courseId, HttpContext http, IMediator mediator, NpgsqlDataSource dataSource, BillingSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var track = await mediator.Send(new GetCertificateTrackForSale(courseId), cancellationToken);
        if (track is null || track.PartnerId != LearnerCaller.PartnerOf(http.User))
        {
            return BillingProblems.TrackNotFound();
        }

        var entitlement = await mediator.Send(new GetTrackEntitlement(learnerId, track.TrackId), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrderRow>(new CommandDefinition(Orders, new { learnerId, trackId = track.TrackId }, cancellationToken: cancellationToken));
        var now = time.GetUtcNow();
        return TypedResults.Ok(new TrackOffer(track.TrackId, track.Title, track.PriceMinor, track.Currency, entitlement.State, entitlement.Source, [.. rows.Select(r => r.ToView(settings.RefundWindow, now))]));
    }
}
