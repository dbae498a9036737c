using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Courses.CreateCourse;

internal static class CreateCourseEndpoint
{
    public sealed record CourseRequest(Guid? PartnerId, string? Slug, string? Title, IReadOnlyList<string>? Languages, int GradedItems, DateOnly? StartsOn);

    private const string Sql = """
        INSERT INTO catalog.courses (id, partner_id, code, slug, title, languages, graded_items, starts_on, created_at)
        SELECT @id, p.id, @Slug, @Slug, @Title, @languages, @GradedItems, @startsOn::date, @now FROM catalog.partners p WHERE p.id = @partnerId
        """;

    public static void MapCreateCourse(this IEndpointRouteBuilder writes) =>
        writes.MapPost("/courses", CreateAsync).WithName("CreateCourse").Refuses(StatusCodes.Status400BadRequest, "invalid_input", "partner_required").Refuses(StatusCodes.Status404NotFound, "partner_not_found").Refuses(StatusCodes.Status409Conflict, "slug_taken").WithSummary("Add a course. A partner key adds to its own partner; an admin names partnerId.");

    private static async Task<Results<Created<CourseView>, ProblemHttpResult>> CreateAsync(
        CourseRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.Of(http.User).PartnerFor(request.PartnerId) is not { } partnerId)
        {
            return request.PartnerId is null ? CatalogProblems.PartnerRequired() : CatalogProblems.NotFound("partner");
        }

        if (CatalogInput.FirstOf(CatalogInput.Slug(request.Slug), CatalogInput.Title(request.Title), CatalogInput.Languages(request.Languages), CatalogInput.GradedItems(request.GradedItems)) is { } reason)
        {
            return CatalogProblems.Invalid(reason);
        }

        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        int inserted;
        try
        {
            inserted = await connection.ExecuteAsync(new CommandDefinition(Sql, new
            {
                id,
                partnerId,
                request.Slug,
                request.Title,
                languages = request.Languages!.ToArray(),
                request.GradedItems,
                startsOn = request.StartsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                now = time.GetUtcNow(),
            }, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (UniqueViolation.Is(ex, "courses_slug_key") || UniqueViolation.Is(ex, "courses_code_key"))
        {
            return CatalogProblems.SlugTaken(request.Slug!);
        }

        if (inserted == 0)
        {
            return CatalogProblems.NotFound("partner");
        }

        var course = await CourseReads.ByIdAsync(connection, id, cancellationToken) ?? throw new InvalidOperationException("A course just added cannot be read.");
        return TypedResults.Created($"/api/v1/catalog/courses/{course.Slug}", course);
    }
}
