using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Web;
using Verification.Lti.Launch.EndAssessment;
using Verification.Lti.Launch.StartProctoring;
using Verification.Lti.Login;
using Verification.Lti.ToolConfiguration;

namespace Verification.Lti.Launch;

/// <summary>The platform's form_post of the id_token after the OIDC login: validated, then handed to its message's flow.</summary>
internal static class LaunchEndpoint
{
    /// <summary>The course player's page for a launch; the launch and its tokens ride in the fragment, which no server and no Referer sees.</summary>
    public const string PlayerPage = "/player/lti.html";

    /// <summary>
    /// The accepted launch. For LtiStartProctoring: the learner, course and assessment it maps to, and the player's
    /// tokens (enrollment, and the session of the pre-exam check), which the course player's pages take over.
    /// For LtiEndAssessment: the attempt's learner and course, and the proctoring session it ended with its final
    /// verdict (null when none was open).
    /// </summary>
    public sealed record LaunchAccepted(
        Guid LaunchId, string MessageType, Guid? LearnerId, Guid? CourseId, string AssessmentId, int? AttemptNumber, string? EnrollmentToken, string? SessionToken,
        Guid? EndedSessionId = null, string? EndedSessionVerdict = null);

    public static void MapLaunch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(ToolUrls.LaunchPath, LaunchAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("LTI")
            .Refuses(StatusCodes.Status400BadRequest, LaunchRefusal.RequestCodes)
            .Refuses(StatusCodes.Status401Unauthorized, LaunchRefusal.TokenCodes)
            .WithSummary("LTI 1.3 launch (redirect URL): the platform's form POST of id_token and state, for LtiStartProctoring and LtiEndAssessment messages.");

    /// <summary>A browser's navigation (the platform's auto-submitted form) asks for a page; an API client for JSON.</summary>
    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static async Task<Results<Ok<LaunchAccepted>, RedirectHttpResult, ProblemHttpResult>> LaunchAsync(
        HttpRequest request, LaunchValidator validator, StartProctoringHandler startProctoring, EndAssessmentHandler endAssessment, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var form = await RequestForms.ReadAsync(request, cancellationToken);
        string? idToken = form?["id_token"] is { Count: 1 } token ? token.ToString() : null;
        string? state = form?["state"] is { Count: 1 } value ? value.ToString() : null;
        var cookie = state is null ? null : request.Cookies[LoginStateStore.CookieName(state)];
        var logger = loggers.CreateLogger("Verification.Lti.Launch");
        var (launch, refusal) = await validator.ValidateAsync(idToken, state, cookie, cancellationToken);
        ProctoringClaims? claims = null;
        if (launch is not null && launch.MessageType == LtiClaims.StartProctoring && (claims = ProctoringClaims.Read(launch.Token, launch.ResourceLinkId)) is null)
        {
            refusal = LaunchRefusal.Token("lti_claim_missing", "LtiStartProctoring needs session_data, an absolute start_assessment_url and an attempt_number from 1 to 1000.");
        }

        int? endAttempt = null;
        if (launch is not null && refusal is null && launch.MessageType == LtiClaims.EndAssessment && (endAttempt = EndAssessmentHandler.AttemptNumber(launch.Token)) is null)
        {
            refusal = LaunchRefusal.Token("lti_claim_missing", "LtiEndAssessment needs an attempt_number from 1 to 1000.");
        }

        if (launch is null || refusal is not null)
        {
            logger.LogWarning("LTI launch refused: {Code}", refusal!.Code);
            return LtiProblems.Create(refusal.Status, refusal.Code, "The LTI launch is refused.", refusal.Detail);
        }

        request.HttpContext.Response.Cookies.Delete(LoginStateStore.CookieName(state!), new CookieOptions { Path = ToolUrls.LaunchPath });
        if (claims is not null)
        {
            var started = await startProctoring.HandleAsync(launch, claims, cancellationToken);
            logger.LogInformation("LTI launch {LaunchId} accepted: {MessageType} from platform {PlatformId} for learner {LearnerId}", started.LaunchId, launch.MessageType, launch.Platform.Id, started.LearnerId);
            if (WantsPage(request))
            {
                // The learner's browser goes on to consent, enrollment and the pre-exam check (a GET after the form POST).
                return TypedResults.Redirect($"{PlayerPage}#launch={started.LaunchId}&enrollment={Uri.EscapeDataString(started.EnrollmentToken)}&session={Uri.EscapeDataString(started.SessionToken)}");
            }

            return TypedResults.Ok(new LaunchAccepted(started.LaunchId, launch.MessageType, started.LearnerId, started.CourseId, started.AssessmentId, started.AttemptNumber, started.EnrollmentToken, started.SessionToken));
        }

        var ended = await endAssessment.HandleAsync(launch, endAttempt!.Value, cancellationToken);
        logger.LogInformation("LTI launch {LaunchId} accepted: {MessageType} from platform {PlatformId}", ended.LaunchId, launch.MessageType, launch.Platform.Id);
        return TypedResults.Ok(new LaunchAccepted(ended.LaunchId, launch.MessageType, ended.LearnerId, ended.CourseId, launch.ResourceLinkId, ended.AttemptNumber, null, null,
            ended.SessionId, ended.Verdict));
    }
}
