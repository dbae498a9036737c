using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Reviews.ClaimReviewCase;

internal static class ClaimReviewCaseEndpoint
{
    public sealed record ClaimResponse(Guid CaseId, DateTimeOffset ClaimedUntil);

    public static void MapClaimReviewCase(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/{caseId:guid}/claim", ClaimAsync)
            .WithTags("Review")
            .Refuses(StatusCodes.Status403Forbidden, "senior_reviewer_required", "appeal_needs_another_reviewer")
            .Refuses(StatusCodes.Status404NotFound, "review_case_not_found")
            .Refuses(StatusCodes.Status409Conflict, "review_case_decided", "review_case_claimed")
            .WithSummary("Hold a case so no other reviewer decides it; the claim lapses after Proctoring:Reviews:ClaimMinutes. Claiming again renews it.");
        endpoints.MapDelete("/{caseId:guid}/claim", ReleaseAsync)
            .WithTags("Review")
            .Refuses(StatusCodes.Status404NotFound, "review_claim_not_found")
            .WithSummary("Give back your own claim on a case.");
    }

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> ClaimAsync(
        Guid caseId, ClaimsPrincipal user, ClaimReviewCaseHandler handler, CancellationToken cancellationToken)
    {
        var (gate, until) = await handler.ClaimAsync(caseId, ReviewerPrincipal.IdOf(user), ReviewerPrincipal.IsSenior(user), cancellationToken);
        return gate == CaseGate.Open ? TypedResults.Ok(new ClaimResponse(caseId, until!.Value)) : ReviewProblems.For(gate);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(
        Guid caseId, ClaimsPrincipal user, ClaimReviewCaseHandler handler, CancellationToken cancellationToken) =>
        await handler.ReleaseAsync(caseId, ReviewerPrincipal.IdOf(user), cancellationToken)
            ? TypedResults.NoContent()
            : Api.ApiProblems.Create(StatusCodes.Status404NotFound, "review_claim_not_found", "You hold no claim on this case.", "Claims lapse on their own; nothing to give back.");
}
