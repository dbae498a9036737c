using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;

namespace Verification.Proctoring.Privacy.EraseLearnerData;

internal static class EraseLearnerDataEndpoint
{
    public static void MapEraseLearnerData(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/data", EraseAsync)
            .WithTags("Privacy")
            .WithSummary("Erases the learner's biometric data and withdraws consent; keeps the audit trail, verdicts, and the evidence of sessions whose review is still open (said in the answer). Needs the learner's enrollment token.");

    private static async Task<Results<Ok<LearnerDataErased>, ProblemHttpResult>> EraseAsync(
        Guid learnerId, EraseLearnerDataHandler handler, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await handler.HandleAsync(learnerId, cancellationToken));
    }
}
