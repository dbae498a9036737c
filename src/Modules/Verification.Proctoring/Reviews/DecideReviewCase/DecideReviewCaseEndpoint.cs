using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Reviews.DecideReviewCase;

internal static class DecideReviewCaseEndpoint
{
    // Nullable so a body without a decision is refused: a missing enum would otherwise bind as its first value, approved.
    public sealed record DecisionRequest(ReviewCaseDecision? Decision, string? Note);

    public static void MapDecideReviewCase(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/{caseId:guid}/decision", DecideAsync)
            .WithTags("Review")
            .Refuses(StatusCodes.Status400BadRequest, "review_note_missing", "review_note_too_long")
            .Refuses(StatusCodes.Status403Forbidden, "senior_reviewer_required", "appeal_needs_another_reviewer")
            .Refuses(StatusCodes.Status404NotFound, "review_case_not_found")
            .Refuses(StatusCodes.Status409Conflict, "review_case_decided", "review_case_claimed")
            .WithSummary("Approve, reject or escalate a case, with a required note (at most 2000 characters). Each decision is added to the case's history; only a reviewer can reject a learner.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DecideAsync(
        Guid caseId, DecisionRequest request, ClaimsPrincipal user, DecideReviewCaseHandler handler, CancellationToken cancellationToken)
    {
        if (request.Decision is not { } decision || !Enum.IsDefined(decision))
        {
            return ReviewProblems.DecisionMissing();
        }

        var (note, refused) = ReviewProblems.CheckNote(request.Note);
        if (note is null)
        {
            return refused!;
        }

        var gate = await handler.HandleAsync(new DecideReviewCaseCommand(caseId, ReviewerPrincipal.IdOf(user), ReviewerPrincipal.IsSenior(user), decision, note), cancellationToken);
        return gate == CaseGate.Open ? TypedResults.NoContent() : ReviewProblems.For(gate);
    }
}
