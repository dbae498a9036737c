using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// The LtiStartAssessment message of a learner's launch once the pre-exam check has its verdict: signed, the launch
/// marked as started, and (for a check that needs review) the partner's pre-exam control queued. Shared by the JSON
/// endpoint and the page that posts the message to the platform.
/// </summary>
internal sealed class StartAssessmentService(NpgsqlDataSource dataSource, StartAssessmentMessage message, PreExamControl preExamControl, TimeProvider time, ILogger<StartAssessmentService> logger)
{
    public sealed record Form(string StartAssessmentUrl, string Jwt, bool IdentityVerified, string PreExamVerdict);

    private sealed record Row(string ClientId, string Issuer, string DeploymentId, string ResourceLinkId, string SessionData, int AttemptNumber,
        string StartAssessmentUrl, string? GivenName, string? FamilyName, string? FullName, string? PreExamVerdict);

    /// <summary>The message, or the refusal: 404 <c>launch_not_found</c>, 409 <c>pre_exam_check_pending</c>.</summary>
    public async Task<(Form? Form, ProblemHttpResult? Refusal)> PrepareAsync(Guid learnerId, Guid launchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT p.client_id AS "ClientId", p.issuer AS "Issuer", l.deployment_id AS "DeploymentId", l.resource_link_id AS "ResourceLinkId",
                   l.session_data AS "SessionData", l.attempt_number AS "AttemptNumber", l.start_assessment_url AS "StartAssessmentUrl",
                   l.given_name AS "GivenName", l.family_name AS "FamilyName", l.full_name AS "FullName", l.pre_exam_verdict AS "PreExamVerdict"
            FROM lti.launches l JOIN lti.platforms p ON p.id = l.platform_id
            WHERE l.id = @launchId AND l.learner_id = @learnerId AND l.message_type = 'LtiStartProctoring'
            """, new { launchId, learnerId }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return (null, LtiProblems.Create(StatusCodes.Status404NotFound, "launch_not_found", "No such LTI launch.", "This learner has no LtiStartProctoring launch with this id."));
        }

        if (row.PreExamVerdict is null)
        {
            return (null, LtiProblems.Create(StatusCodes.Status409Conflict, "pre_exam_check_pending", "The pre-exam check has no verdict yet.", "End the pre-exam check's session first (EndSession), then ask again."));
        }

        var verified = row.PreExamVerdict == "Verified";
        var jwt = await message.SignAsync(
            new StartAssessmentMessage.Echo(row.ClientId, row.Issuer, row.DeploymentId, row.ResourceLinkId, row.SessionData, row.AttemptNumber),
            verified ? new StartAssessmentMessage.VerifiedUser(row.GivenName, row.FamilyName, row.FullName) : null,
            cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE lti.launches SET start_assessment_at = coalesce(start_assessment_at, @now) WHERE id = @launchId", new { launchId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        if (!verified)
        {
            // Idempotent: one ACS call per check, however often the message is asked for.
            await preExamControl.QueueAsync(launchId, cancellationToken);
        }

        logger.LogInformation("LtiStartAssessment for launch {LaunchId}: identity verified {Verified}", launchId, verified);
        return (new Form(row.StartAssessmentUrl, jwt, verified, row.PreExamVerdict), null);
    }
}
