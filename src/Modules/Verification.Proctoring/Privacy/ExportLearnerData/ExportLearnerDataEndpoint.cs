using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring.Privacy.ExportLearnerData;

internal static class ExportLearnerDataEndpoint
{
    public static void MapExportLearnerData(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/learners/{learnerId:guid}/data", ExportAsync)
            .WithTags("Privacy")
            .WithSummary("The learner's own data: consents, enrollment status, sessions' verdicts and flags; biometric templates are described, not included. Needs the learner's enrollment token.");

    private static async Task<Results<Ok<LearnerDataExport>, ProblemHttpResult>> ExportAsync(
        Guid learnerId, HttpRequest request, LearnerTokens tokens, ExportLearnerDataHandler handler, CancellationToken cancellationToken)
    {
        var (_, problem) = LearnerAuth.Authorize(request, tokens, learnerId);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await handler.HandleAsync(learnerId, cancellationToken));
    }
}
