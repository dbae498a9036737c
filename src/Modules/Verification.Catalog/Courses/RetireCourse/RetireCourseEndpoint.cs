using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Courses.RetireCourse;

/// <summary>
/// Courses are never deleted: enrollments, certificates and reports keep pointing at them. Retiring closes a course to new
/// enrollments and takes it off the public list; the first retirement time stays.
/// </summary>
internal static class RetireCourseEndpoint
{
    private const string Sql = """
        UPDATE catalog.courses SET retired_at = COALESCE(retired_at, @now)
        WHERE id = @courseId AND (@anyPartner OR partner_id = @partnerId)
        """;

    public static void MapRetireCourse(this IEndpointRouteBuilder writes) =>
        writes.MapPost("/courses/{courseId:guid}/retire", RetireAsync).WithName("RetireCourse").Refuses(StatusCodes.Status404NotFound, "course_not_found").WithSummary("Retire a course: no new enrollments, off the public list, never deleted.");

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> RetireAsync(
        Guid courseId, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var retired = await connection.ExecuteAsync(new CommandDefinition(
            Sql, new { courseId, anyPartner = caller.IsAdmin, partnerId = caller.PartnerId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return retired == 0 ? CatalogProblems.NotFound("course") : TypedResults.Ok((await CourseReads.ByIdAsync(connection, courseId, cancellationToken))!);
    }
}
