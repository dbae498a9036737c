using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Specializations.CreateSpecialization;

internal static class CreateSpecializationEndpoint
{
    public sealed record SpecializationRequest(Guid? PartnerId, string? Slug, string? Title, IReadOnlyList<Guid>? CourseIds);

    private const string OwnCourses = "SELECT count(*) FROM catalog.courses WHERE id = ANY(@courseIds) AND partner_id = @partnerId AND retired_at IS NULL";

    private const string Insert = """
        INSERT INTO catalog.specializations (id, partner_id, slug, title, created_at) VALUES (@id, @partnerId, @Slug, @Title, @now);
        INSERT INTO catalog.specialization_courses (specialization_id, position, course_id)
        SELECT @id, o.position, o.course_id FROM unnest(@courseIds) WITH ORDINALITY AS o(course_id, position);
        """;

    public static void MapCreateSpecialization(this IEndpointRouteBuilder writes) =>
        writes.MapPost("/specializations", CreateAsync).WithName("CreateSpecialization").Refuses(StatusCodes.Status400BadRequest, "invalid_input", "partner_required").Refuses(StatusCodes.Status404NotFound, "partner_not_found").Refuses(StatusCodes.Status409Conflict, "slug_taken").WithSummary("Add a specialization: an ordered list of the partner's own open courses.");

    private static async Task<Results<Created<SpecializationView>, ProblemHttpResult>> CreateAsync(
        SpecializationRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.Of(http.User).PartnerFor(request.PartnerId) is not { } partnerId)
        {
            return request.PartnerId is null ? CatalogProblems.PartnerRequired() : CatalogProblems.NotFound("partner");
        }

        var courseIds = request.CourseIds?.ToArray() ?? [];
        var coursesReason = courseIds.Length is >= 1 and <= 50 && courseIds.Distinct().Count() == courseIds.Length ? null : "courseIds must list 1 to 50 distinct courses, in order.";
        if (CatalogInput.FirstOf(CatalogInput.Slug(request.Slug), CatalogInput.Title(request.Title), coursesReason) is { } reason)
        {
            return CatalogProblems.Invalid(reason);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var own = await connection.ExecuteScalarAsync<long>(new CommandDefinition(OwnCourses, new { courseIds, partnerId }, transaction, cancellationToken: cancellationToken));
        if (own != courseIds.Length)
        {
            return CatalogProblems.Invalid("Every course of a specialization must be an open course of the same partner.");
        }

        var id = Guid.CreateVersion7();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, new { id, partnerId, request.Slug, request.Title, courseIds, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (UniqueViolation.Is(ex, "specializations_slug_key"))
        {
            return CatalogProblems.SlugTaken(request.Slug!);
        }

        await transaction.CommitAsync(cancellationToken);
        var created = await SpecializationReads.FindAsync(connection, null, id, cancellationToken) ?? throw new InvalidOperationException("A specialization just added cannot be read.");
        return TypedResults.Created($"/api/v1/catalog/specializations/{created.Slug}", created);
    }
}
