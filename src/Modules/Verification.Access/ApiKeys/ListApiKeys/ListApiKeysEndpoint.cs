using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;

namespace Verification.Access.ApiKeys.ListApiKeys;

internal static class ListApiKeysEndpoint
{
    public static void MapListApiKeys(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/api-keys", ListAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("API keys")
            .WithSummary("Admin: API keys (of one partner with partnerId), newest first: prefix, scopes, created, last used, revoked. Never the key.");

    private static async Task<Ok<IReadOnlyList<ApiKeySummary>>> ListAsync(IMediator mediator, CancellationToken cancellationToken, Guid? partnerId = null) =>
        TypedResults.Ok(await mediator.Send(new Contracts.ListApiKeys(partnerId), cancellationToken));
}
