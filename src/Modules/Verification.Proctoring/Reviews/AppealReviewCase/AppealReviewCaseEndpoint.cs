using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Reviews.AppealReviewCase;

internal static class AppealReviewCaseEndpoint
{
    public sealed record AppealRequest(string? Reason);

    /// <summary>Mapped on the learner's own route group, so the learner token's policy guards it.</summary>
    public static void MapAppealReviewCase(this IEndpointRouteBuilder learner) =>
        learner.MapPost("/review-cases/{caseId:guid}/appeal", AppealAsync)
            .WithTags("Review")
            .Refuses(StatusCodes.Status400BadRequest, "review_note_missing", "review_note_too_long")
            .Refuses(StatusCodes.Status404NotFound, "review_case_not_found")
            .Refuses(StatusCodes.Status409Conflict, "appeal_already_made", "review_case_not_rejected", "appeal_window_closed")
            .WithSummary("The learner appeals a rejection, once, with a reason (at most 2000 characters), while its evidence is kept (Proctoring:Retention:EvidenceGraceDays after the rejection); another reviewer than the one who rejected decides it.");

    private static async Task<Results<Accepted, ProblemHttpResult>> AppealAsync(
        Guid learnerId, Guid caseId, AppealRequest request, AppealReviewCaseHandler handler, CancellationToken cancellationToken)
    {
        var (reason, refused) = ReviewProblems.CheckNote(request.Reason);
        if (reason is null)
        {
            return refused!;
        }

        var outcome = await handler.HandleAsync(learnerId, caseId, reason, cancellationToken);
        return outcome == AppealOutcome.Appealed ? TypedResults.Accepted((string?)null) : ReviewProblems.For(outcome);
    }
}
