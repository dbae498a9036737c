using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Billing.Api;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.OpenApi;
using Verification.Catalog.Contracts;

namespace Verification.Billing.Subscriptions.Plans;

/// <summary>An admin creates a monthly or yearly plan over courses or specializations; their verified tracks are what it unlocks.</summary>
internal static class CreatePlanEndpoint
{
    public sealed record PlanRequest(Guid? PlanId, string? Name, string? Interval, long PriceMinor, string? Currency, IReadOnlyList<Guid>? CourseIds);

    public static void MapCreatePlan(this IEndpointRouteBuilder admin) =>
        admin.MapPost("/plans", CreateAsync).WithName("CreateSubscriptionPlan")
            .WithSummary("Create a plan: name, interval 'month' or 'year', price in minor units, currency, and the courses or specializations whose verified tracks it unlocks.")
            .Refuses(StatusCodes.Status400BadRequest, "invalid_input")
            .Refuses(StatusCodes.Status404NotFound, "track_not_found")
            .Refuses(StatusCodes.Status409Conflict, "plan_exists");

    private static async Task<Results<Created<PlanView>, ProblemHttpResult>> CreateAsync(
        PlanRequest request, ClaimsPrincipal user, IMediator mediator, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        var currency = request.Currency?.Trim().ToUpperInvariant();
        if (name is not { Length: >= 1 and <= 200 } || request.Interval is not ("month" or "year") || request.PriceMinor is < 1 or > 100_000_000
            || currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper) || request.CourseIds is not { Count: >= 1 and <= 100 })
        {
            return BillingProblems.Invalid("Give a name (1 to 200 characters), interval 'month' or 'year', priceMinor from 1 to 100000000, a three-letter currency and 1 to 100 courseIds.");
        }

        var tracks = new List<Guid>();
        foreach (var courseId in request.CourseIds.Distinct())
        {
            if (await mediator.Send(new GetCertificateTrackForSale(courseId), cancellationToken) is not { } track)
            {
                return BillingProblems.Create(StatusCodes.Status404NotFound, "track_not_found", "No such course or specialization.", $"{courseId} has no verified track.");
            }

            tracks.Add(track.TrackId);
        }

        var planId = request.PlanId ?? Guid.CreateVersion7();
        var interval = request.Interval == "year" ? PlanInterval.Year : PlanInterval.Month;
        if (!await mediator.Send(new CreateSubscriptionPlan(planId, name, interval, request.PriceMinor, currency, tracks), cancellationToken))
        {
            return BillingProblems.Create(StatusCodes.Status409Conflict, "plan_exists", "A plan with this id exists.", "Plans are not edited: create another with a new id.");
        }

        var actor = Guid.TryParse(user.FindFirstValue(AccessClaims.StaffId), out var staff) ? $"staff:{staff}" : "staff:unknown";
        await audit.AppendAsync(new AuditEntry(actor, "billing.plan.created", $"plan:{planId}", JsonSerializer.Serialize(new
        {
            interval = request.Interval, priceMinor = request.PriceMinor, currency, trackIds = tracks,
        })), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var view = await connection.QuerySingleAsync<PlanView>(new CommandDefinition(PlanView.Select + " WHERE id = @planId", new { planId }, cancellationToken: cancellationToken));
        return TypedResults.Created($"/api/v1/billing/plans/{planId}", view);
    }
}
