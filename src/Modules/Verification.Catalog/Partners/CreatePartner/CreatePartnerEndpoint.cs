using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Partners.CreatePartner;

internal static class CreatePartnerEndpoint
{
    public sealed record PartnerRequest(string? Name, string? Country, string? Slug);

    private const string Sql = """
        INSERT INTO catalog.partners (id, name, country, slug, created_at) VALUES (@id, @Name, @Country, @Slug, @now)
        """;

    public static void MapCreatePartner(this IEndpointRouteBuilder admin) =>
        admin.MapPost("/partners", CreateAsync).WithName("CreatePartner").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status409Conflict, "slug_taken").WithSummary("Add a partner (university or company). Staff admin only.");

    private static async Task<Results<Created<PartnerView>, ProblemHttpResult>> CreateAsync(
        PartnerRequest request, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        if (CatalogInput.FirstOf(CatalogInput.Title(request.Name, "name"), CatalogInput.Country(request.Country), CatalogInput.Slug(request.Slug)) is { } reason)
        {
            return CatalogProblems.Invalid(reason);
        }

        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(Sql, new { id, request.Name, request.Country, request.Slug, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (UniqueViolation.Is(ex, "partners_slug_key"))
        {
            return CatalogProblems.SlugTaken(request.Slug!);
        }

        return TypedResults.Created($"/api/v1/catalog/partners/{request.Slug}", new PartnerView(id, request.Name!, request.Country, request.Slug!));
    }
}
