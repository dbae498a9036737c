using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Courses.ListCourses;

internal static class ListCoursesEndpoint
{
    private const string Sql = """
        SELECT c.id AS "CourseId", c.code AS "Code", c.title AS "Title", p.name AS "PartnerName",
               t.id AS "CertificateTrackId", t.price_minor AS "PriceMinor", t.currency AS "Currency"
        FROM catalog.courses c
        JOIN catalog.partners p ON p.id = c.partner_id
        JOIN catalog.certificate_tracks t ON t.course_id = c.id
        ORDER BY c.code
        """;

    public static void MapListCourses(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/catalog/courses", ListAsync)
            .AllowAnonymous()
            .WithName("ListCourses")
            .WithSummary("Courses with a paid certificate track.")
            .WithTags("Catalog");

    private static async Task<Ok<IReadOnlyList<CourseSummary>>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var courses = await connection.QueryAsync<CourseSummary>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<CourseSummary>>([.. courses]);
    }
}
