using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;

namespace Verification.Proctoring.Reviews.DecideReviewCase;

internal static class DecideReviewCaseEndpoint
{
    public sealed record DecisionRequest(string Decision, string? Note);

    public static void MapDecideReviewCase(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/{caseId:guid}/decision", DecideAsync)
            .WithTags("Review")
            .WithSummary("Approve, reject or escalate a case, with a note. Only a reviewer can reject a learner.");

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DecideAsync(
        Guid caseId, DecisionRequest request, ClaimsPrincipal user, DecideReviewCaseHandler handler, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(new DecideReviewCaseCommand(caseId, Guid.Parse(user.FindFirstValue(AccessClaims.StaffId) ?? throw new InvalidOperationException("A staff principal has no id.")), request.Decision, request.Note ?? ""), cancellationToken);
        return outcome switch
        {
            DecideOutcome.Decided => TypedResults.NoContent(),
            DecideOutcome.NotFound => TypedResults.NotFound(),
            DecideOutcome.AlreadyDecided => TypedResults.Problem(statusCode: 409, title: "Already decided.", detail: "This case was approved or rejected already; open it again through escalation if needed."),
            _ => TypedResults.Problem(statusCode: 400, title: "Unknown decision.", detail: "decision must be approved, rejected or escalated."),
        };
    }
}
