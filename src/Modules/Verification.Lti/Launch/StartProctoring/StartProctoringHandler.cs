using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Access;

namespace Verification.Lti.Launch.StartProctoring;

/// <summary>
/// An LtiStartProctoring launch: the LTI user, context and resource link become the partner's learner, course and
/// assessment; the launch keeps what LtiStartAssessment must echo; the learner gets the player's tokens for consent,
/// identity enrollment and the pre-exam check (a session for this assessment and attempt).
/// </summary>
internal sealed class StartProctoringHandler(NpgsqlDataSource dataSource, LtiIdentities identities, LearnerTokenService tokens, TimeProvider time)
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    public sealed record Started(Guid LaunchId, Guid LearnerId, Guid CourseId, string AssessmentId, int AttemptNumber, string EnrollmentToken, string SessionToken);

    public async Task<Started> HandleAsync(ValidatedLaunch launch, ProctoringClaims claims, CancellationToken cancellationToken)
    {
        var learnerId = await identities.LearnerAsync(launch.Platform, launch.Subject, claims, cancellationToken);
        var courseId = await identities.CourseAsync(launch.Platform, claims, cancellationToken);
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lti.launches (id, platform_id, deployment_id, message_type, lti_user, resource_link_id, attempt_number, created_at,
                learner_id, course_id, session_data, start_assessment_url, acs_url, given_name, family_name, full_name)
            VALUES (@id, @platformId, @DeploymentId, @MessageType, @Subject, @ResourceLinkId, @AttemptNumber, @now,
                @learnerId, @courseId, @SessionData, @StartAssessmentUrl, @AcsUrl, @GivenName, @FamilyName, @Name)
            """,
            new
            {
                id, platformId = launch.Platform.Id, launch.DeploymentId, launch.MessageType, launch.Subject, launch.ResourceLinkId, claims.AttemptNumber,
                now = time.GetUtcNow(), learnerId, courseId, claims.SessionData, claims.StartAssessmentUrl, claims.AcsUrl, claims.GivenName, claims.FamilyName, claims.Name,
            },
            cancellationToken: cancellationToken));
        var partnerId = launch.Platform.PartnerId;
        var enrollment = tokens.Issue(learnerId, partnerId, courseId, LearnerTokenPurposes.Enrollment, null, 1, TokenLifetime).Token;
        var session = tokens.Issue(learnerId, partnerId, courseId, LearnerTokenPurposes.Session, launch.ResourceLinkId, claims.AttemptNumber, TokenLifetime).Token;
        return new Started(id, learnerId, courseId, launch.ResourceLinkId, claims.AttemptNumber, enrollment, session);
    }
}
