using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Sessions.IsIdentityVerified;

/// <summary>External certificate services ask the same question as our own certificate module, with their API key.</summary>
internal static class IdentityStatusEndpoint
{
    public static void MapIdentityStatus(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/identity/status", GetAsync)
            .RequireAuthorization(AccessPolicies.PartnerScope(ApiScopes.IdentityRead))
            .WithTags("Certificates")
            .WithSummary("Is this learner's identity verified for this course? Verified, PendingReview (hold the certificate), Rejected, NotVerified or NotEnrolled. Needs an API key with identity:read for the partner of both the learner and the course.");

    private static async Task<Ok<IdentityVerificationStatus>> GetAsync(Guid learnerId, Guid courseId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new Contracts.IsIdentityVerified(learnerId, courseId), cancellationToken));
}
