using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Tokens.IssueToken;

namespace Verification.Proctoring.Sessions.IsIdentityVerified;

/// <summary>External certificate services ask the same question as our own certificate module, with their API key.</summary>
internal static class IdentityStatusEndpoint
{
    public static void MapIdentityStatus(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/identity/status", GetAsync)
            .WithTags("Certificates")
            .WithSummary("Is this learner's identity verified for this course? Verified, PendingReview (hold the certificate), Rejected, NotVerified or NotEnrolled. Needs X-Api-Key.");

    private static async Task<Results<Ok<IdentityVerificationStatus>, ProblemHttpResult>> GetAsync(
        Guid learnerId, Guid courseId, [FromHeader(Name = "X-Api-Key")] string? apiKey, ApiKeys keys, IMediator mediator, CancellationToken cancellationToken)
    {
        if (keys.Identify(apiKey) is null)
        {
            return ApiProblems.Create(StatusCodes.Status401Unauthorized, "api_key_invalid", "The API key is missing or unknown.", "Send the platform's API key in the X-Api-Key header.");
        }

        return TypedResults.Ok(await mediator.Send(new Contracts.IsIdentityVerified(learnerId, courseId), cancellationToken));
    }
}
