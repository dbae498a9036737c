using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring.Api;

/// <summary>
/// Learner endpoints take the learner id in the route and an enrollment token as <c>Authorization: Bearer</c>; the two
/// must name the same learner, so one learner's token never reads or writes another's consent or identity.
/// </summary>
internal static class LearnerAuth
{
    private const string Prefix = "Bearer ";

    /// <summary>The token's claims, or the problem to answer with (401 for a bad token, 403 for another learner's).</summary>
    public static (LearnerTokenClaims? Claims, ProblemHttpResult? Problem) Authorize(HttpRequest request, LearnerTokens tokens, Guid learnerId)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;
        var claims = tokens.Validate(token);
        if (claims is null || claims.Purpose != LearnerTokenPurpose.Enrollment)
        {
            return (null, ApiProblems.Unauthorized());
        }

        return claims.LearnerId == learnerId ? (claims, null) : (null, ApiProblems.OtherLearner());
    }
}
