using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;

namespace Verification.Lti.Platforms.ListPlatforms;

internal static class ListPlatformsEndpoint
{
    public static void MapListPlatforms(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/admin/lti-platforms", ListAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithTags("LTI")
            .WithSummary("Admin: every registered LTI platform, one per partner.");

    private static async Task<Ok<IReadOnlyList<PlatformView>>> ListAsync(PlatformStore platforms, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PlatformView>>([.. (await platforms.ListAsync(cancellationToken)).Select(PlatformView.Of)]);
}
