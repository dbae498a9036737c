using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Verification.Catalog.Courses.ListCourses;

internal static class ListCoursesEndpoint
{
    public static void MapListCourses(this IEndpointRouteBuilder reads) =>
        reads.MapGet("/courses", ListAsync).WithName("ListCourses").WithSummary("Courses open for enrollment (retired ones left out), with their certificate track.");

    private static async Task<Ok<IReadOnlyList<CourseView>>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await CourseReads.ListAsync(connection, includeRetired: false, cancellationToken));
    }
}
