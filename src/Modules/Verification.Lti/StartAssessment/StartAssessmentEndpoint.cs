using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// After the pre-exam check, the course player asks for the LtiStartAssessment message and posts it (form field
/// <c>JWT</c>) to the platform's start_assessment_url. A check that needs review is not a refusal: the message goes
/// without verified_user, so the platform knows the identity was not vouched for, and the review case is open; where
/// the partner's policy asks for it, the check's flags also go to the platform's ACS (<see cref="PreExamControl"/>).
/// </summary>
internal static class StartAssessmentEndpoint
{
    public sealed record StartAssessmentForm(string StartAssessmentUrl, string Jwt, bool IdentityVerified, string PreExamVerdict);

    private sealed record Row(string ClientId, string Issuer, string DeploymentId, string ResourceLinkId, string SessionData, int AttemptNumber,
        string StartAssessmentUrl, string? GivenName, string? FamilyName, string? FullName, string? PreExamVerdict);

    public static void MapStartAssessment(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/learners/{learnerId:guid}/lti-launches/{launchId:guid}/start-assessment", StartAsync)
            .RequireAuthorization(AccessPolicies.Learner)
            .WithTags("LTI")
            .Refuses(StatusCodes.Status404NotFound, "launch_not_found")
            .Refuses(StatusCodes.Status409Conflict, "pre_exam_check_pending")
            .WithSummary("The learner's LtiStartAssessment message after the pre-exam check: the signed JWT and the platform's start_assessment_url to post it to (form field JWT).");

    private static async Task<Results<Ok<StartAssessmentForm>, ProblemHttpResult>> StartAsync(
        Guid learnerId, Guid launchId, NpgsqlDataSource dataSource, StartAssessmentMessage message, PreExamControl preExamControl, TimeProvider time, ILoggerFactory loggers,
        CancellationToken cancellationToken)
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
            return LtiProblems.Create(StatusCodes.Status404NotFound, "launch_not_found", "No such LTI launch.", "This learner has no LtiStartProctoring launch with this id.");
        }

        if (row.PreExamVerdict is null)
        {
            return LtiProblems.Create(StatusCodes.Status409Conflict, "pre_exam_check_pending", "The pre-exam check has no verdict yet.", "End the pre-exam check's session first (EndSession), then ask again.");
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
            await preExamControl.QueueAsync(launchId, cancellationToken);
        }

        loggers.CreateLogger("Verification.Lti.StartAssessment").LogInformation("LtiStartAssessment for launch {LaunchId}: identity verified {Verified}", launchId, verified);
        return TypedResults.Ok(new StartAssessmentForm(row.StartAssessmentUrl, jwt, verified, row.PreExamVerdict));
    }
}
