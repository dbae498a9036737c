using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;
using Verification.BuildingBlocks.Audit;

namespace Verification.Proctoring.Privacy.ExportLearnerData;

internal static class ExportLearnerDataEndpoint
{
    public static void MapExportLearnerData(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/data", ExportAsync)
            .WithTags("Privacy")
            .AuditsRead("learner_data.exported", "learner", "learnerId")
            .WithSummary("The learner's own data: consents, enrollment status, sessions' verdicts and flags; biometric templates are described, not included. Needs the learner's enrollment token.");

    private static async Task<Results<Ok<LearnerDataExport>, ProblemHttpResult>> ExportAsync(
        Guid learnerId, ExportLearnerDataHandler handler, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await handler.HandleAsync(learnerId, cancellationToken));
    }
}
