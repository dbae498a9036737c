using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;
using Verification.Proctoring.Api;

namespace Verification.Proctoring.Reviews.DecideReviewCase;

internal static class DecideReviewCaseEndpoint
{
    public sealed record DecisionRequest(ReviewDecision Decision, string? Note);

    public static void MapDecideReviewCase(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/{caseId:guid}/decision", DecideAsync)
            .WithTags("Review")
            .Refuses(StatusCodes.Status404NotFound, "review_case_not_found")
            .Refuses(StatusCodes.Status409Conflict, "review_case_decided")
            .WithSummary("Approve, reject or escalate a case, with a note. Only a reviewer can reject a learner.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DecideAsync(
        Guid caseId, DecisionRequest request, ClaimsPrincipal user, DecideReviewCaseHandler handler, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(new DecideReviewCaseCommand(caseId, Guid.Parse(user.FindFirstValue(AccessClaims.StaffId) ?? throw new InvalidOperationException("A staff principal has no id.")), DecisionName(request.Decision), request.Note ?? ""), cancellationToken);
        return outcome switch
        {
            DecideOutcome.Decided => TypedResults.NoContent(),
            DecideOutcome.NotFound => ApiProblems.Create(StatusCodes.Status404NotFound, "review_case_not_found", "No such review case.", "Check the case id against GET /api/v1/review-cases."),
            _ => ApiProblems.Create(StatusCodes.Status409Conflict, "review_case_decided", "Already decided.", "This case was approved or rejected already; open it again through escalation if needed."),
        };
    }

    private static string DecisionName(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Approved => "approved",
        ReviewDecision.Rejected => "rejected",
        _ => "escalated",
    };
}
