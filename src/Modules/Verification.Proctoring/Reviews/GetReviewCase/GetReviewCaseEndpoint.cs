using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Reviews.GetReviewCase;

internal static class GetReviewCaseEndpoint
{
    public static void MapGetReviewCase(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/{caseId:guid}", GetAsync)
            .WithTags("Review")
            .AuditsRead("review_case.viewed", "case", "caseId")
            .Refuses(StatusCodes.Status404NotFound, "review_case_not_found")
            .WithSummary("One case: the session, every flag with its rule and threshold, the per-frame timeline (gaps for frames received but not analysed), the kept evidence frames, the decision history, the appeal, the learner's earlier cases and the audit trail. Each view is audited.");

    private static async Task<Results<Ok<ReviewCaseView>, ProblemHttpResult>> GetAsync(
        Guid caseId, HttpContext http, GetReviewCaseHandler handler, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        return await handler.HandleAsync(caseId, cancellationToken) is { } view ? TypedResults.Ok(view) : ReviewProblems.NotFound();
    }
}
