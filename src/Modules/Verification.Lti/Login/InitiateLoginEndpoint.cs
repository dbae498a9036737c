using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Verification.BuildingBlocks.OpenApi;
using Verification.BuildingBlocks.Web;
using Verification.Lti.Platforms;
using Verification.Lti.ToolConfiguration;

namespace Verification.Lti.Login;

/// <summary>
/// OIDC third-party-initiated login (LTI Security Framework 1.0, 5.1.1): the platform names itself and the learner; the
/// tool answers with an authentication request to the platform carrying a fresh state and nonce, and binds the state to
/// this browser with a cookie that the launch must bring back.
/// </summary>
internal static class InitiateLoginEndpoint
{
    public static void MapInitiateLogin(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(ToolUrls.LoginPath, [HttpMethods.Get, HttpMethods.Post], InitiateAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("LTI")
            .Refuses(StatusCodes.Status400BadRequest, "lti_login_invalid", "lti_platform_unknown", "lti_deployment_unknown", "lti_target_invalid")
            .WithSummary("LTI 1.3 login initiation (GET or form POST: iss, login_hint, target_link_uri, client_id, lti_deployment_id, lti_message_hint): redirects to the platform's OIDC authorization endpoint.");

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> InitiateAsync(
        HttpRequest request, PlatformStore platforms, LoginStateStore states, LtiSettings settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var parameters = await RequestForms.ReadAsync(request, cancellationToken);
        string? Read(string name) => (parameters is not null && parameters.TryGetValue(name, out var form) ? form : request.Query[name]) is { Count: 1 } value && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

        var issuer = Read("iss");
        var loginHint = Read("login_hint");
        var target = Read("target_link_uri");
        if (issuer is null || loginHint is null || target is null)
        {
            return LtiProblems.BadRequest("lti_login_invalid", "A login initiation needs iss, login_hint and target_link_uri, each once.");
        }

        var urls = ToolUrls.For(settings, request);
        if (!target.StartsWith(urls.LaunchUrl, StringComparison.Ordinal))
        {
            return LtiProblems.BadRequest("lti_target_invalid", $"target_link_uri must be this tool's launch URL, {urls.LaunchUrl}.");
        }

        var clientId = Read("client_id");
        var found = await platforms.FindAsync(issuer, clientId, cancellationToken);
        if (found.Count != 1)
        {
            return LtiProblems.BadRequest("lti_platform_unknown", found.Count == 0
                ? "No platform is registered with this issuer and client id; an admin registers it first (docs/lti.md)."
                : "Several registrations share this issuer: send client_id.");
        }

        var platform = found[0];
        if (Read("lti_deployment_id") is { } deployment && !platform.DeploymentIds.Contains(deployment, StringComparer.Ordinal))
        {
            return LtiProblems.BadRequest("lti_deployment_unknown", "This deployment id is not registered for the platform.");
        }

        var started = await states.StartAsync(platform.Id, cancellationToken);
        request.HttpContext.Response.Cookies.Append(LoginStateStore.CookieName(started.State), started.State, StateCookie(request, started.ExpiresAt));
        var query = new Dictionary<string, string?>
        {
            ["scope"] = "openid",
            ["response_type"] = "id_token",
            ["response_mode"] = "form_post",
            ["prompt"] = "none",
            ["client_id"] = platform.ClientId,
            ["redirect_uri"] = urls.LaunchUrl,
            ["login_hint"] = loginHint,
            ["state"] = started.State,
            ["nonce"] = started.Nonce,
        };
        if (Read("lti_message_hint") is { } hint)
        {
            query["lti_message_hint"] = hint;
        }

        loggers.CreateLogger("Verification.Lti.Login").LogInformation("LTI login started for platform {PlatformId}", platform.Id);
        return TypedResults.Redirect(QueryHelpers.AddQueryString(platform.AuthorizationEndpoint, query));
    }

    /// <summary>
    /// The launch comes back as a cross-site form POST from the platform: over TLS the cookie must be SameSite=None to
    /// travel with it. Without TLS (a laptop demo) browsers refuse SameSite=None, and Lax still reaches a same-site platform.
    /// </summary>
    private static CookieOptions StateCookie(HttpRequest request, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
        Path = ToolUrls.LaunchPath,
        Expires = expires,
        IsEssential = true,
    };
}
