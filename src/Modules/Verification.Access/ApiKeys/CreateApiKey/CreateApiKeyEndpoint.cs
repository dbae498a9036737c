using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Access.ApiKeys.CreateApiKey;

internal static class CreateApiKeyEndpoint
{
    public sealed record CreateApiKeyRequest(IReadOnlyList<ApiScope>? Scopes, string? Name);

    public static void MapCreateApiKey(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/partners/{partnerId:guid}/api-keys", CreateAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("API keys")
            .Refuses(StatusCodes.Status400BadRequest, "scopes_invalid", "name_invalid", "key_invalid")
            .Refuses(StatusCodes.Status404NotFound, "partner_not_found")
            .WithSummary("Admin: create an API key for a partner with the given scopes. The key is in this answer only; the service keeps its hash.");

    private static async Task<Results<Created<ApiKeyCreated>, ProblemHttpResult>> CreateAsync(
        Guid partnerId, CreateApiKeyRequest? request, StaffActor actor, IMediator mediator, CancellationToken cancellationToken)
    {
        if (request?.Scopes is not { Count: > 0 } scopes)
        {
            return AccessProblems.Create(StatusCodes.Status400BadRequest, "scopes_invalid", "Scopes are needed.", "Send scopes: one or more of " + string.Join(", ", ApiScopes.All) + ".");
        }

        var result = await mediator.Send(new Contracts.CreateApiKey(partnerId, [.. scopes.Select(ApiScopeNames.Of)], request.Name ?? "API key", actor.Name), cancellationToken);
        return result.Error switch
        {
            null => TypedResults.Created($"/api/v1/api-keys/{result.Created!.KeyId}", result.Created),
            "partner_not_found" => AccessProblems.Create(StatusCodes.Status404NotFound, "partner_not_found", "No such partner.", "Create the partner in the catalog first."),
            var code => AccessProblems.Create(StatusCodes.Status400BadRequest, code, "The key cannot be created.", "Give one or more known scopes and a name of at most 100 characters."),
        };
    }
}
