using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;
using static Verification.Proctoring.Consent.GetConsent.GetConsentEndpoint;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Consent.AcceptConsent;

internal static class AcceptConsentEndpoint
{
    /// <summary>The version accepted and the language it was read in (as <c>GET /consent?language=</c> served it; default English).</summary>
    public sealed record AcceptConsentRequest(int Version, string? Language = null);

    public static void MapAcceptConsent(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/consent", AcceptAsync)
            .WithTags("Consent")
            .Refuses(StatusCodes.Status409Conflict, "consent_version_outdated")
            .WithSummary("Accept the consent text of the given version (the current one). Needs an enrollment token.");

    private static async Task<Results<Ok<AcceptedConsent>, ProblemHttpResult>> AcceptAsync(
        Guid learnerId, AcceptConsentRequest body, AcceptConsentHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(learnerId, body.Version, body.Language, cancellationToken);
        return result.Outcome == AcceptConsentOutcome.Accepted
            ? TypedResults.Ok(new AcceptedConsent(result.CurrentVersion, result.Language, result.Covers, result.AcceptedAt))
            : ApiProblems.Create(
                StatusCodes.Status409Conflict,
                "consent_version_outdated",
                "That is not the current consent text.",
                $"Read and accept the current consent text, version {result.CurrentVersion}.");
    }
}
