using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Courses.GetCourse;

internal static class GetCourseEndpoint
{
    public static void MapGetCourse(this IEndpointRouteBuilder reads) =>
        reads.MapGet("/courses/{slug}", GetAsync).WithName("GetCourse").Refuses(StatusCodes.Status404NotFound, "course_not_found").WithSummary("One course by slug, retired or not, with its certificate track.");

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> GetAsync(string slug, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CourseReads.BySlugAsync(connection, slug, cancellationToken) is { } course ? TypedResults.Ok(course) : CatalogProblems.NotFound("course");
    }
}
