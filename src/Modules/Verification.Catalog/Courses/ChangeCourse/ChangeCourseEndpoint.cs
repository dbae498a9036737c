using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Courses.ChangeCourse;

internal static class ChangeCourseEndpoint
{
    public sealed record CourseChange(string? Title, IReadOnlyList<string>? Languages, int GradedItems, DateOnly? StartsOn);

    private const string Sql = """
        UPDATE catalog.courses
        SET title = @Title, languages = @languages, graded_items = @GradedItems, starts_on = @startsOn::date, updated_at = @now
        WHERE id = @courseId AND (@anyPartner OR partner_id = @partnerId)
        """;

    public static void MapChangeCourse(this IEndpointRouteBuilder writes) =>
        writes.MapPut("/courses/{courseId:guid}", ChangeAsync).WithName("ChangeCourse").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "course_not_found").WithSummary("Change a course's title, languages, graded items or start date; the slug stays.");

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> ChangeAsync(
        Guid courseId, CourseChange request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        if (CatalogInput.FirstOf(CatalogInput.Title(request.Title), CatalogInput.Languages(request.Languages), CatalogInput.GradedItems(request.GradedItems)) is { } reason)
        {
            return CatalogProblems.Invalid(reason);
        }

        var caller = Caller.Of(http.User);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            courseId,
            anyPartner = caller.IsAdmin,
            partnerId = caller.PartnerId,
            request.Title,
            languages = request.Languages!.ToArray(),
            request.GradedItems,
            startsOn = request.StartsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return CatalogProblems.NotFound("course");
        }

        return TypedResults.Ok((await CourseReads.ByIdAsync(connection, courseId, cancellationToken))!);
    }
}
