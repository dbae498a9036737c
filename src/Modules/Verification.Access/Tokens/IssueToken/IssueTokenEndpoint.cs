using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;
using Verification.Proctoring.Contracts;

namespace Verification.Access.Tokens.IssueToken;

/// <summary>The course platform's backend asks for a learner token with its API key (scope tokens:mint).</summary>
internal static class IssueTokenEndpoint
{
    public sealed record TokenRequest(Guid LearnerId, Guid CourseId, TokenPurpose Purpose, string? AssessmentId, int? Attempt);

    public static void MapIssueToken(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/tokens", IssueAsync)
            .RequireAuthorization(AccessPolicies.PartnerScope(ApiScopes.TokensMint))
            .WithTags("Tokens")
            .Refuses(StatusCodes.Status400BadRequest, "assessment_missing", "attempt_invalid")
            .Refuses(StatusCodes.Status404NotFound, "learner_not_found")
            .Refuses(StatusCodes.Status409Conflict, "not_enrolled_in_course")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "server_busy")
            .WithSummary("Mint a learner token (purpose enrollment or session) for a learner enrolled in one of the key's partner's courses. Needs an API key with tokens:mint.");

    private static async Task<Results<Ok<TokenIssued>, ProblemHttpResult>> IssueAsync(
        TokenRequest request, LearnerTokenService tokens, TokenSettings settings, IMediator mediator, ILoggerFactory loggers, HttpResponse response, CancellationToken cancellationToken)
    {
        // A session token is asked for just before its session starts: a node at capacity, or with its limit of starts
        // in flight, says so now with when to retry; an admitted request holds its place until the token is issued.
        using var admission = request.Purpose == TokenPurpose.Session ? await mediator.Send(new GetSessionAdmission(), cancellationToken) : null;
        if (admission is { Refusal: { } busy })
        {
            response.Headers.RetryAfter = admission.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return AccessProblems.Create(StatusCodes.Status503ServiceUnavailable, "server_busy", "The service is at capacity.", $"No new session can start now ({busy}). Retry in {admission.RetryAfterSeconds} seconds.");
        }

        var issued = await TokenIssuer.IssueAsync(request.LearnerId, request.CourseId, request.Purpose, request.AssessmentId, request.Attempt ?? 1, tokens, settings, mediator, cancellationToken);
        if (issued.Result is Ok<TokenIssued> ok)
        {
            loggers.CreateLogger(typeof(IssueTokenEndpoint).FullName!).LogInformation("Issued a {Purpose} token for learner {LearnerId}", ok.Value!.Purpose, request.LearnerId);
        }

        return issued;
    }
}
