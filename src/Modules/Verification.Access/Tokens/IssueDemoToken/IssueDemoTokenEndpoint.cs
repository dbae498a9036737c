using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Access.Tokens.IssueDemoToken;

/// <summary>The demo's own sign-in: tokens for the seeded demo learner, mapped only when <c>Demo:Seed</c> is on.</summary>
internal static class IssueDemoTokenEndpoint
{
    // The ids the Host's DemoSeeder gives the demo learner and course (fixed there so that reseeding is a no-op).
    public static readonly Guid DemoLearnerId = new("01935f00-0000-7000-8000-000000000004");
    public static readonly Guid DemoCourseId = new("01935f00-0000-7000-8000-000000000002");

    public sealed record DemoTokenRequest(TokenPurpose Purpose, string? AssessmentId, int? Attempt);

    public static void MapIssueDemoToken(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Demo:Seed", false))
        {
            return;
        }

        endpoints.MapPost("/api/v1/demo/tokens", IssueAsync)
            .AllowAnonymous()
            .WithTags("Tokens")
            .Refuses(StatusCodes.Status400BadRequest, "assessment_missing", "attempt_invalid")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "demo_not_seeded")
            .Refuses(StatusCodes.Status409Conflict, "not_enrolled_in_course")
            .WithSummary("Demo only: a learner token for the seeded demo learner in the demo course.");
    }

    private static async Task<Results<Ok<TokenIssued>, ProblemHttpResult>> IssueAsync(
        DemoTokenRequest request, LearnerTokenService tokens, TokenSettings settings, IMediator mediator, CancellationToken cancellationToken)
    {
        var issued = await TokenIssuer.IssueAsync(DemoLearnerId, DemoCourseId, request.Purpose, request.AssessmentId, request.Attempt ?? 1, tokens, settings, mediator, cancellationToken);
        return issued.Result is ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }
            ? AccessProblems.Create(StatusCodes.Status503ServiceUnavailable, "demo_not_seeded", "The demo learner is not there yet.", "Wait for the demo data to be seeded (Demo:Seed) and try again.")
            : issued;
    }
}
