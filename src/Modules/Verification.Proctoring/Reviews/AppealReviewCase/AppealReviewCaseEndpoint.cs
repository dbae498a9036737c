using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.OpenApi;
using Verification.Proctoring.Api;

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
            .Refuses(StatusCodes.Status409Conflict, "appeal_already_made", "review_case_not_rejected")
            .WithSummary("The learner appeals a rejection, once, with a reason (at most 2000 characters); another reviewer than the one who rejected decides it.");

    private static async Task<Results<Accepted, ProblemHttpResult>> AppealAsync(
        Guid learnerId, Guid caseId, AppealRequest request, AppealReviewCaseHandler handler, CancellationToken cancellationToken)
    {
        if (ReviewNote.Normalise(request.Reason) is not { } reason)
        {
            return ReviewProblems.NoteMissing();
        }

        if (ReviewNote.TooLong(reason))
        {
            return ReviewProblems.NoteTooLong();
        }

        return await handler.HandleAsync(learnerId, caseId, reason, cancellationToken) switch
        {
            AppealOutcome.Appealed => TypedResults.Accepted((string?)null),
            AppealOutcome.NotFound => ReviewProblems.NotFound(),
            AppealOutcome.AlreadyAppealed => ApiProblems.Create(StatusCodes.Status409Conflict, "appeal_already_made", "This rejection was appealed already.", "A rejection can be appealed once; its outcome is in the case's history."),
            _ => ApiProblems.Create(StatusCodes.Status409Conflict, "review_case_not_rejected", "Only a rejection can be appealed.", "This case is open or was approved."),
        };
    }
}
