using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Catalog.Api;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Catalog.Specializations.GetSpecialization;

internal static class GetSpecializationEndpoint
{
    public static void MapGetSpecialization(this IEndpointRouteBuilder reads) =>
        reads.MapGet("/specializations/{slug}", GetAsync).WithName("GetSpecialization").Refuses(StatusCodes.Status404NotFound, "specialization_not_found").WithSummary("A specialization by slug with its courses in order.");

    private static async Task<Results<Ok<SpecializationView>, ProblemHttpResult>> GetAsync(string slug, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await SpecializationReads.FindAsync(connection, slug, null, cancellationToken) is { } found ? TypedResults.Ok(found) : CatalogProblems.NotFound("specialization");
    }
}
