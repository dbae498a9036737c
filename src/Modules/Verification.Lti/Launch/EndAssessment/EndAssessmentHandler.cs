using Dapper;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Verification.Proctoring.Contracts;

namespace Verification.Lti.Launch.EndAssessment;

/// <summary>
/// An LtiEndAssessment launch (LTI Proctoring Services 1.0, 4.4): the platform ended the attempt, so its proctoring
/// session ends through Proctoring's contract (<see cref="EndAttemptSession"/>), with its final verdict. The attempt
/// is the one of the LtiStartProctoring launch with the same user, resource link and attempt number; with none, or no
/// session open, the message is recorded and nothing else happens.
/// </summary>
internal sealed class EndAssessmentHandler(NpgsqlDataSource dataSource, IMediator mediator, TimeProvider time, ILogger<EndAssessmentHandler> logger)
{
    public sealed record Ended(Guid LaunchId, Guid? LearnerId, Guid? CourseId, int AttemptNumber, Guid? SessionId, string? Verdict);

    private sealed record Attempt(Guid LearnerId, Guid CourseId);

    /// <summary>The attempt number the message must carry, or null when it is missing or out of range.</summary>
    public static int? AttemptNumber(JsonWebToken token) =>
        token.TryGetPayloadValue<int>(LtiClaims.AttemptNumber, out var attempt) && attempt is >= 1 and <= 1000 ? attempt : null;

    public async Task<Ended> HandleAsync(ValidatedLaunch launch, int attemptNumber, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var attempt = await connection.QuerySingleOrDefaultAsync<Attempt>(new CommandDefinition("""
            SELECT learner_id AS "LearnerId", course_id AS "CourseId" FROM lti.launches
            WHERE platform_id = @platformId AND lti_user = @Subject AND resource_link_id = @ResourceLinkId AND attempt_number = @attemptNumber
              AND message_type = 'LtiStartProctoring'
            ORDER BY created_at DESC LIMIT 1
            """, new { platformId = launch.Platform.Id, launch.Subject, launch.ResourceLinkId, attemptNumber }, cancellationToken: cancellationToken));
        var end = attempt is null
            ? new AttemptSessionEnd(null, null)
            : await mediator.Send(new EndAttemptSession(attempt.LearnerId, attempt.CourseId, launch.ResourceLinkId, attemptNumber), cancellationToken);
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lti.launches (id, platform_id, deployment_id, message_type, lti_user, resource_link_id, attempt_number, created_at, learner_id, course_id)
            VALUES (@id, @platformId, @DeploymentId, @MessageType, @Subject, @ResourceLinkId, @attemptNumber, @now, @learnerId, @courseId)
            """,
            new
            {
                id, platformId = launch.Platform.Id, launch.DeploymentId, launch.MessageType, launch.Subject, launch.ResourceLinkId, attemptNumber, now = time.GetUtcNow(),
                learnerId = attempt?.LearnerId, courseId = attempt?.CourseId,
            },
            cancellationToken: cancellationToken));
        logger.LogInformation("LtiEndAssessment {LaunchId}: session {SessionId} ended with {Verdict}", id, end.SessionId, end.Verdict ?? (end.SessionId is null ? "nothing open" : "its node not reached"));
        return new Ended(id, attempt?.LearnerId, attempt?.CourseId, attemptNumber, end.SessionId, end.Verdict);
    }
}
