using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;

namespace Verification.Access.Tokens;

internal sealed record TokenIssued(string Token, string Purpose, DateTimeOffset ExpiresAt);

/// <summary>What the API-key and the demo sign-in share: check the assessment and the learner's enrollment, then sign.</summary>
internal static class TokenIssuer
{
    public static async Task<Results<Ok<TokenIssued>, ProblemHttpResult>> IssueAsync(
        Guid learnerId, Guid courseId, TokenPurpose purpose, string? assessmentId, int attempt, LearnerTokenService tokens, TokenSettings settings, IMediator mediator, CancellationToken cancellationToken)
    {
        if (purpose == TokenPurpose.Session && (string.IsNullOrWhiteSpace(assessmentId) || assessmentId.Length > 200))
        {
            return AccessProblems.Create(StatusCodes.Status400BadRequest, "assessment_missing", "A session token needs an assessment.", "Give assessmentId (at most 200 characters): a session token is bound to one assessment.");
        }

        if (attempt is < 1 or > 1000)
        {
            return AccessProblems.Create(StatusCodes.Status400BadRequest, "attempt_invalid", "The attempt is out of range.", "attempt counts the learner's tries at the assessment, from 1 to 1000.");
        }

        var learner = await mediator.Send(new GetLearner(learnerId, courseId), cancellationToken);
        if (learner is null)
        {
            return AccessProblems.Create(StatusCodes.Status404NotFound, "learner_not_found", "The learner is not registered.", "Register the learner and enroll them in the course before asking for a token.");
        }

        var partnerId = (await mediator.Send(new GetCoursePartner(courseId), cancellationToken))?.PartnerId;
        if (!learner.EnrolledInCourse || partnerId is null)
        {
            return AccessProblems.Create(StatusCodes.Status409Conflict, "not_enrolled_in_course", "The learner is not enrolled in this course.", "Enroll the learner in the course before asking for a token.");
        }

        var purposeName = purpose == TokenPurpose.Session ? LearnerTokenPurposes.Session : LearnerTokenPurposes.Enrollment;
        var (token, claims) = tokens.Issue(
            learnerId, partnerId.Value, courseId, purposeName, purpose == TokenPurpose.Session ? assessmentId : null, attempt, settings.LifetimeOf(purpose));
        return TypedResults.Ok(new TokenIssued(token, purposeName, claims.ExpiresAt));
    }
}
