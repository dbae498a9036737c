using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// The proctoring session of the exam itself, after LtiStartAssessment: a session token for the launch's assessment
/// and attempt (a token opens one session, and the pre-exam check's has). Its verdict, if the session is flagged, goes
/// to the platform's ACS (<see cref="PreExamVerdicts"/>).
/// </summary>
internal static class ExamTokenEndpoint
{
    // An exam lasts hours; the token must still resume the session after a dropped connection near its end.
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);

    public sealed record ExamToken(string Token, DateTimeOffset ExpiresAt);

    private sealed record Row(Guid PartnerId, Guid CourseId, string ResourceLinkId, int AttemptNumber, bool Started);

    public static void MapExamToken(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/learners/{learnerId:guid}/lti-launches/{launchId:guid}/exam-token", IssueAsync)
            .RequireAuthorization(AccessPolicies.Learner)
            .WithTags("LTI")
            .Refuses(StatusCodes.Status404NotFound, "launch_not_found")
            .Refuses(StatusCodes.Status409Conflict, "assessment_not_started")
            .WithSummary("The session token of the exam's proctoring session, once LtiStartAssessment has been issued for the launch.");

    private static async Task<Results<Ok<ExamToken>, ProblemHttpResult>> IssueAsync(
        Guid learnerId, Guid launchId, NpgsqlDataSource dataSource, LearnerTokenService tokens, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT p.partner_id AS "PartnerId", l.course_id AS "CourseId", l.resource_link_id AS "ResourceLinkId", l.attempt_number AS "AttemptNumber",
                   (l.start_assessment_at IS NOT NULL) AS "Started"
            FROM lti.launches l JOIN lti.platforms p ON p.id = l.platform_id
            WHERE l.id = @launchId AND l.learner_id = @learnerId AND l.message_type = 'LtiStartProctoring'
            """, new { launchId, learnerId }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return LtiProblems.Create(StatusCodes.Status404NotFound, "launch_not_found", "No such LTI launch.", "This learner has no LtiStartProctoring launch with this id.");
        }

        if (!row.Started)
        {
            return LtiProblems.Create(StatusCodes.Status409Conflict, "assessment_not_started", "The assessment has not started.", "The exam's session starts after LtiStartAssessment: finish the pre-exam check first.");
        }

        var (token, claims) = tokens.Issue(learnerId, row.PartnerId, row.CourseId, LearnerTokenPurposes.Session, row.ResourceLinkId, row.AttemptNumber, Lifetime);
        return TypedResults.Ok(new ExamToken(token, claims.ExpiresAt));
    }
}
