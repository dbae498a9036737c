using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.Proctoring.Api;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring.Consent.WithdrawConsent;

internal static class WithdrawConsentEndpoint
{
    public static void MapWithdrawConsent(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/api/v1/learners/{learnerId:guid}/consent", WithdrawAsync)
            .WithTags("Consent")
            .WithSummary("Withdraw consent: biometric collection stops and the enrollment in progress is deleted. Needs an enrollment token.");

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(
        Guid learnerId, HttpRequest request, LearnerTokens tokens, WithdrawConsentHandler handler, CancellationToken cancellationToken)
    {
        var (_, problem) = LearnerAuth.Authorize(request, tokens, learnerId);
        if (problem is not null)
        {
            return problem;
        }

        // Idempotent: withdrawing twice, or without a consent, leaves the same state.
        await handler.HandleAsync(learnerId, cancellationToken);
        return TypedResults.NoContent();
    }
}
