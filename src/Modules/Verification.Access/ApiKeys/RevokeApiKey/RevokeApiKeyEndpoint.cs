using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Access.ApiKeys.RevokeApiKey;

internal static class RevokeApiKeyEndpoint
{
    public static void MapRevokeApiKey(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/api/v1/api-keys/{keyId:guid}", RevokeAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("API keys")
            .Refuses(StatusCodes.Status404NotFound, "api_key_not_found")
            .WithSummary("Admin: revoke an API key; it is refused from the next request on.");

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid keyId, StaffActor actor, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new Contracts.RevokeApiKey(keyId, actor.Name), cancellationToken)
            ? TypedResults.NoContent()
            : AccessProblems.Create(StatusCodes.Status404NotFound, "api_key_not_found", "No such API key.", "Check the key id against GET /api/v1/api-keys.");
}
