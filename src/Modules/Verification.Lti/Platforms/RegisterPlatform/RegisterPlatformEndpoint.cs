using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Lti.Platforms.RegisterPlatform;

internal static class RegisterPlatformEndpoint
{
    public static void MapRegisterPlatform(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPut("/api/v1/partners/{partnerId:guid}/lti-platform", RegisterAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("LTI")
            .Refuses(StatusCodes.Status400BadRequest, "registration_invalid")
            .Refuses(StatusCodes.Status404NotFound, "partner_not_found")
            .Refuses(StatusCodes.Status409Conflict, "platform_taken")
            .WithSummary("Admin: register the partner's LMS as an LTI 1.3 platform (issuer, client id, deployment ids, OIDC authorization endpoint, token endpoint, JWKS URL), or replace its registration.");

    private static async Task<Results<Ok<PlatformView>, ProblemHttpResult>> RegisterAsync(
        Guid partnerId, RegisterPlatformHandler.Registration? request, RegisterPlatformHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(partnerId, request ?? new(null, null, null, null, null, null), cancellationToken);
        return result switch
        {
            { Platform: { } platform } => TypedResults.Ok(PlatformView.Of(platform)),
            { Error: "partner_not_found" } => LtiProblems.Create(StatusCodes.Status404NotFound, "partner_not_found", "No such partner.", result.Detail!),
            { Error: "platform_taken" } => LtiProblems.Create(StatusCodes.Status409Conflict, "platform_taken", "The platform is registered to another partner.", result.Detail!),
            _ => LtiProblems.Create(StatusCodes.Status400BadRequest, "registration_invalid", "The registration is incomplete.", result.Detail!),
        };
    }
}
