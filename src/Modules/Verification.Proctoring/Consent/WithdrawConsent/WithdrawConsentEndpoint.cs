using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;

namespace Verification.Proctoring.Consent.WithdrawConsent;

internal static class WithdrawConsentEndpoint
{
    public static void MapWithdrawConsent(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/consent", WithdrawAsync)
            .WithTags("Consent")
            .WithSummary("Withdraw consent: biometric collection stops and the enrollment in progress is deleted. Needs an enrollment token.");

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(
        Guid learnerId, WithdrawConsentHandler handler, CancellationToken cancellationToken)
    {
        // Idempotent: withdrawing twice, or without a consent, leaves the same state.
        await handler.HandleAsync(learnerId, cancellationToken);
        return TypedResults.NoContent();
    }
}
