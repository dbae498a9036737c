using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Web;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// The learner's browser leaves the tool for the platform: the course player's LTI page posts the learner token here
/// (a form, so the browser navigates), and the answer is a page whose form carries LtiStartAssessment (field
/// <c>JWT</c>) to the platform's start_assessment_url, submitted by a script from this origin (no inline code). Its
/// Content-Security-Policy allows <c>form-action</c> to that platform's origin, on this response only.
/// </summary>
internal static class StartAssessmentPage
{
    public const string Path = "/lti/launches/{launchId:guid}/start-assessment";

    public static void MapStartAssessmentPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, PostAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("LTI")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Refuses(StatusCodes.Status401Unauthorized, "lti_learner_token_invalid")
            .Refuses(StatusCodes.Status404NotFound, "launch_not_found")
            .Refuses(StatusCodes.Status409Conflict, "pre_exam_check_pending", "start_assessment_url_invalid")
            .WithSummary("The page that posts LtiStartAssessment (form field JWT) to the platform's start_assessment_url: a form POST of the launch's learner token (field token).");

    private static async Task<IResult> PostAsync(
        Guid launchId, HttpRequest request, LearnerTokenService tokens, StartAssessmentService service, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var form = await RequestForms.ReadAsync(request, cancellationToken);
        var claims = form?["token"] is { Count: 1 } token ? await tokens.ValidateAsync(token.ToString()) : null;
        if (claims is null)
        {
            return LtiProblems.Create(StatusCodes.Status401Unauthorized, "lti_learner_token_invalid", "The learner token is refused.", "Send the launch's learner token (form field token); it is missing, expired or not genuine.");
        }

        var (message, refusal) = await service.PrepareAsync(claims.LearnerId, launchId, cancellationToken);
        if (message is null)
        {
            return refusal!;
        }

        if (!FormActionAllowance.Allow(request.HttpContext, message.StartAssessmentUrl))
        {
            // The launch's URL was checked on arrival; an address the CSP cannot name is not posted to.
            loggers.CreateLogger("Verification.Lti.StartAssessment").LogWarning("LtiStartAssessment for launch {LaunchId}: the platform's address cannot be allowed as a form action", launchId);
            return LtiProblems.Create(StatusCodes.Status409Conflict, "start_assessment_url_invalid", "The platform's start_assessment_url cannot be posted to.", "The launch's start_assessment_url is not an address a form may post to.");
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Content(Html(message), "text/html; charset=utf-8");
    }

    private static string Html(StartAssessmentService.Form message)
    {
        var encoder = HtmlEncoder.Default;
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Starting your exam</title>
              <link rel="stylesheet" href="/player/player.css">
              <script type="module" src="/player/js/lti-post.js"></script>
            </head>
            <body>
            <main id="main">
              <h1>Starting your exam</h1>
              <p>Your identity check is done. Taking you back to your course to start the exam.</p>
              <form id="lti-start-assessment" method="post" action="{encoder.Encode(message.StartAssessmentUrl)}">
                <input type="hidden" name="JWT" value="{encoder.Encode(message.Jwt)}">
                <button type="submit" class="primary">Continue to the exam</button>
              </form>
            </main>
            </body>
            </html>
            """;
    }
}
