using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Enrollment.Learners.GetLearnerRecord;

internal static class GetLearnerRecordEndpoint
{
    public static void MapGetLearnerRecord(this IEndpointRouteBuilder learners) =>
        learners.MapGet("/{learnerId:guid}", GetAsync).WithName("GetLearnerRecord").Refuses(StatusCodes.Status404NotFound, "learner_not_found").WithSummary("One of the calling partner's learners.");

    private static async Task<Results<Ok<LearnerView>, ProblemHttpResult>> GetAsync(Guid learnerId, HttpContext http, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LearnerAccess.FindAsync(connection, Caller.Of(http.User), learnerId, cancellationToken) is { } learner
            ? TypedResults.Ok(learner.ToView())
            : EnrollmentProblems.NotFound("learner");
    }
}
