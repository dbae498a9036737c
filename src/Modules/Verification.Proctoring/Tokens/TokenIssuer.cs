using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Verification.Enrollment.Contracts;
using Verification.Proctoring.Api;
using static Verification.Proctoring.Tokens.IssueToken.IssueTokenEndpoint;

namespace Verification.Proctoring.Tokens;

/// <summary>What the API-key and the demo sign-in share: check the purpose and the learner's enrollment, then sign.</summary>
internal static class TokenIssuer
{
    public static async Task<(Ok<TokenIssued>? Result, ProblemHttpResult? Problem)> IssueAsync(
        Guid learnerId, Guid courseId, string? purposeName, string? assessmentId, LearnerTokens tokens, TokenSettings settings, IMediator mediator, CancellationToken cancellationToken, int? attempt = null)
    {
        if (attempt is < 1 or > 10_000)
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, "attempt_invalid", "The attempt number is out of range.", "attempt counts the learner's attempts at the assessment: 1 to 10000 (default 1)."));
        }

        LearnerTokenPurpose purpose;
        if (string.Equals(purposeName, "enrollment", StringComparison.OrdinalIgnoreCase))
        {
            purpose = LearnerTokenPurpose.Enrollment;
        }
        else if (string.Equals(purposeName, "session", StringComparison.OrdinalIgnoreCase))
        {
            purpose = LearnerTokenPurpose.Session;
            if (string.IsNullOrWhiteSpace(assessmentId) || assessmentId.Length > 200)
            {
                return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, "assessment_missing", "A session token needs an assessment.", "Give assessmentId (at most 200 characters): a session token is bound to one assessment."));
            }
        }
        else
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, "purpose_invalid", "Unknown token purpose.", "purpose must be 'enrollment' or 'session'."));
        }

        var learner = await mediator.Send(new GetLearner(learnerId, courseId), cancellationToken);
        if (learner is null)
        {
            return (null, ApiProblems.UnknownLearner());
        }

        if (!learner.EnrolledInCourse)
        {
            return (null, ApiProblems.Create(StatusCodes.Status409Conflict, "not_enrolled_in_course", "The learner is not enrolled in this course.", "Enroll the learner in the course before asking for a token."));
        }

        var lifetime = settings.LifetimeOf(purpose);
        var token = tokens.Issue(learnerId, courseId, purpose == LearnerTokenPurpose.Session ? assessmentId : null, purpose, lifetime, attempt ?? 1);
        var claims = tokens.Validate(token) ?? throw new InvalidOperationException("A token just issued does not validate.");
        return (TypedResults.Ok(new TokenIssued(token, purpose == LearnerTokenPurpose.Session ? "session" : "enrollment", claims.ExpiresAt)), null);
    }
}
