using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Verification.Catalog.Partners.ListPartners;

internal static class ListPartnersEndpoint
{
    private const string Sql = "SELECT id AS PartnerId, name AS Name, country AS Country, slug AS Slug FROM catalog.partners ORDER BY name, slug";

    public static void MapListPartners(this IEndpointRouteBuilder reads) =>
        reads.MapGet("/partners", ListAsync).WithName("ListPartners").WithSummary("Every partner, by name.");

    private static async Task<Ok<IReadOnlyList<PartnerView>>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PartnerRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<PartnerView>>([.. rows.Select(r => r.ToView())]);
    }
}
