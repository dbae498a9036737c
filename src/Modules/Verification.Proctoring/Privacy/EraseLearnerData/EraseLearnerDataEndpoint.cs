using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring.Privacy.EraseLearnerData;

internal static class EraseLearnerDataEndpoint
{
    public static void MapEraseLearnerData(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/api/v1/learners/{learnerId:guid}/data", EraseAsync)
            .WithTags("Privacy")
            .WithSummary("Erases the learner's biometric data and withdraws consent; keeps the audit trail, verdicts, and the evidence of sessions whose review is still open (said in the answer). Needs the learner's enrollment token.");

    private static async Task<Results<Ok<LearnerDataErased>, ProblemHttpResult>> EraseAsync(
        Guid learnerId, HttpRequest request, LearnerTokens tokens, EraseLearnerDataHandler handler, CancellationToken cancellationToken)
    {
        var (_, problem) = LearnerAuth.Authorize(request, tokens, learnerId);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await handler.HandleAsync(learnerId, cancellationToken));
    }
}
