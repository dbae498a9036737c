using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;
using Verification.Proctoring.Api;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Reviews.ListReviewCases;

internal static class ListReviewCasesEndpoint
{
    private static readonly string[] ReviewerStates = ["open", "approved", "rejected"];

    public static void MapListReviewCases(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", ListAsync)
            .WithTags("Review")
            .Refuses(StatusCodes.Status400BadRequest, "review_status_invalid")
            .WithSummary("The queue: cases in a status (open by default; approved, rejected), highest priority then oldest first, filtered by flag, courseId and priority, with counts per status under the same filters. Escalated cases are in the senior queue only.");
        // A route of its own so the senior queue is guarded by its policy, not by a check inside the endpoint.
        endpoints.MapGet("/escalated", EscalatedAsync)
            .RequireAuthorization(AccessPolicies.SeniorReviewer)
            .WithTags("Review")
            .WithSummary("The senior queue: escalated cases, highest priority then oldest first, with the same filters and counts.");
    }

    private static async Task<Results<Ok<QueuePage>, ProblemHttpResult>> ListAsync(
        ReviewQueue queue, ReviewSettings settings, CancellationToken cancellationToken,
        string status = "open", string? flag = null, Guid? courseId = null, ReviewCasePriority? priority = null)
    {
        if (!ReviewerStates.Contains(status))
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "review_status_invalid", "Unknown status for this queue.", "Use open, approved or rejected; a senior reviewer finds escalated cases at GET /api/v1/review-cases/escalated.");
        }

        return TypedResults.Ok(await queue.ReadAsync(new QueueFilter(status, flag, courseId, priority, settings.QueuePageSize), cancellationToken));
    }

    private static async Task<Ok<QueuePage>> EscalatedAsync(
        ReviewQueue queue, ReviewSettings settings, CancellationToken cancellationToken,
        string? flag = null, Guid? courseId = null, ReviewCasePriority? priority = null) =>
        TypedResults.Ok(await queue.ReadAsync(new QueueFilter("escalated", flag, courseId, priority, settings.QueuePageSize), cancellationToken));
}
