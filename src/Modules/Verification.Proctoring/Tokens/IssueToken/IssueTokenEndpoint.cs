using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Verification.Enrollment.Contracts;
using Verification.Proctoring.Api;

namespace Verification.Proctoring.Tokens.IssueToken;

/// <summary>The course platform's backend asks for a learner token with its API key.</summary>
internal static class IssueTokenEndpoint
{
    /// <summary><c>Attempt</c> (default 1) binds a session token to one attempt at the assessment; a new attempt needs a new token.</summary>
    public sealed record TokenRequest(Guid LearnerId, Guid CourseId, string Purpose, string? AssessmentId, int? Attempt = null);

    public sealed record TokenIssued(string Token, string Purpose, DateTimeOffset ExpiresAt);

    public static void MapIssueToken(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/tokens", IssueAsync)
            .WithTags("Tokens")
            .WithSummary("Mint a learner token (purpose enrollment or session) for a learner enrolled in the course. Needs X-Api-Key.");

    private static async Task<Results<Ok<TokenIssued>, ProblemHttpResult>> IssueAsync(
        TokenRequest request,
        [FromHeader(Name = "X-Api-Key")] string? apiKey,
        ApiKeys keys,
        LearnerTokens tokens,
        TokenSettings settings,
        IMediator mediator,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var caller = keys.Identify(apiKey);
        if (caller is null)
        {
            return ApiProblems.Create(StatusCodes.Status401Unauthorized, "api_key_invalid", "The API key is missing or unknown.", "Send the platform's API key in the X-Api-Key header.");
        }

        var issued = await TokenIssuer.IssueAsync(request.LearnerId, request.CourseId, request.Purpose, request.AssessmentId, tokens, settings, mediator, cancellationToken, request.Attempt);
        if (issued.Result is { } ok)
        {
            loggers.CreateLogger(typeof(IssueTokenEndpoint).FullName!).LogInformation(
                "API key {ApiKeyName} issued a {Purpose} token for learner {LearnerId}", caller, ok.Value!.Purpose, request.LearnerId);
            return ok;
        }

        return issued.Problem!;
    }
}
