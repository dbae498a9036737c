using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Partners.ChangePartner;

internal static class ChangePartnerEndpoint
{
    public sealed record PartnerChange(string? Name, string? Country);

    private const string Sql = """
        UPDATE catalog.partners SET name = @Name, country = @Country, updated_at = @now WHERE id = @partnerId
        RETURNING id AS PartnerId, name AS Name, country AS Country, slug AS Slug
        """;

    public static void MapChangePartner(this IEndpointRouteBuilder admin) =>
        admin.MapPut("/partners/{partnerId:guid}", ChangeAsync).WithName("ChangePartner").Refuses(StatusCodes.Status400BadRequest, "invalid_input").Refuses(StatusCodes.Status404NotFound, "partner_not_found").WithSummary("Rename a partner or change its country; the slug stays. Staff admin only.");

    private static async Task<Results<Ok<PartnerView>, ProblemHttpResult>> ChangeAsync(
        Guid partnerId, PartnerChange request, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        if (CatalogInput.FirstOf(CatalogInput.Title(request.Name, "name"), CatalogInput.Country(request.Country)) is { } reason)
        {
            return CatalogProblems.Invalid(reason);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var changed = await connection.QuerySingleOrDefaultAsync<PartnerRow>(new CommandDefinition(
            Sql, new { partnerId, request.Name, request.Country, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return changed is null ? CatalogProblems.NotFound("partner") : TypedResults.Ok(changed.ToView());
    }
}
