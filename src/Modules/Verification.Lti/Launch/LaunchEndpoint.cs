using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Verification.BuildingBlocks.OpenApi;
using Verification.Lti.Login;
using Verification.Lti.ToolConfiguration;

namespace Verification.Lti.Launch;

/// <summary>The platform's form_post of the id_token after the OIDC login: validated, recorded, then handed to its message's flow.</summary>
internal static class LaunchEndpoint
{
    public sealed record LaunchAccepted(Guid LaunchId, string MessageType);

    public static void MapLaunch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(ToolUrls.LaunchPath, LaunchAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("LTI")
            .Refuses(StatusCodes.Status400BadRequest, LaunchRefusal.RequestCodes)
            .Refuses(StatusCodes.Status401Unauthorized, LaunchRefusal.TokenCodes)
            .WithSummary("LTI 1.3 launch (redirect URL): the platform's form POST of id_token and state, for LtiStartProctoring and LtiEndAssessment messages.");

    private static async Task<Results<Ok<LaunchAccepted>, ProblemHttpResult>> LaunchAsync(
        HttpRequest request, LaunchValidator validator, LaunchStore launches, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        string? idToken = form?["id_token"] is { Count: 1 } token ? token.ToString() : null;
        string? state = form?["state"] is { Count: 1 } value ? value.ToString() : null;
        var cookie = state is null ? null : request.Cookies[LoginStateStore.CookieName(state)];
        var logger = loggers.CreateLogger("Verification.Lti.Launch");
        var (launch, refusal) = await validator.ValidateAsync(idToken, state, cookie, cancellationToken);
        if (launch is null)
        {
            logger.LogWarning("LTI launch refused: {Code}", refusal!.Code);
            return LtiProblems.Create(refusal.Status, refusal.Code, "The LTI launch is refused.", refusal.Detail);
        }

        request.HttpContext.Response.Cookies.Delete(LoginStateStore.CookieName(state!), new CookieOptions { Path = ToolUrls.LaunchPath });
        var id = await launches.RecordAsync(launch, null, cancellationToken);
        logger.LogInformation("LTI launch {LaunchId} accepted: {MessageType} from platform {PlatformId}", id, launch.MessageType, launch.Platform.Id);
        return TypedResults.Ok(new LaunchAccepted(id, launch.MessageType));
    }
}
