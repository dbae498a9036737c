using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Audit;

namespace Verification.Proctoring.Privacy.ExportLearnerArchive;

internal static class ExportLearnerArchiveEndpoint
{
    public static void MapExportLearnerArchive(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/data/archive", ExportAsync)
            .WithTags("Privacy")
            .AuditsRead("learner_data.archive_exported", "learner", "learnerId")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithSummary("Everything held about the learner as one zip: data.json (consents, enrollment, sessions with verdicts, flags and review outcomes, certificates, billing) and the learner's own images. Needs the learner's enrollment token.");

    private static async Task<FileContentHttpResult> ExportAsync(
        Guid learnerId, ExportLearnerArchiveHandler handler, IMediator mediator, TimeProvider time, CancellationToken cancellationToken)
    {
        var archive = await handler.HandleAsync(learnerId, mediator, cancellationToken);
        return TypedResults.File(archive, "application/zip", $"verification-data-{time.GetUtcNow():yyyy-MM-dd}.zip");
    }
}
