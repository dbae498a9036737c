using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Testing.Lti;

namespace Verification.Player.Tests.Lti;

/// <summary>
/// An LMS acting as an LTI 1.3 platform for a browser, written for this test with Microsoft.IdentityModel only (none of
/// the tool's LTI code): it reads the tool's values from <c>/lti/tool</c>, starts the OIDC login from its exam page,
/// answers the authorization request with an auto-submitted form carrying a signed LtiStartProctoring id_token, and
/// receives LtiStartAssessment and verifies it against the tool's JWKS; its key, JWKS, token endpoint and ACS are the
/// shared <see cref="PlatformServer"/>'s.
/// </summary>
internal sealed class BrowserLms : IAsyncDisposable
{
    public const string ClientId = PlatformServer.ClientId;
    public const string DeploymentId = PlatformServer.DeploymentId;
    public const string LtiUser = "lms-user-ada";
    public const string ResourceLink = "statistics-final-link";
    public const string SessionData = "lms-csrf-7f3a9c";

    private readonly PlatformServer _server;
    private readonly ConcurrentDictionary<string, bool> _nonces = new();
    private readonly HttpClient _http = new();

    public sealed record ToolValues(string LoginInitiationUrl, string LaunchUrl, string JwksUrl);

    private BrowserLms(PlatformServer server, Uri tool, ToolValues values)
    {
        _server = server;
        Tool = tool;
        Values = values;
    }

    public Uri BaseAddress => _server.BaseAddress;

    public Uri Tool { get; }

    /// <summary>What the LMS administrator registered for the tool, read from the tool's own page.</summary>
    public ToolValues Values { get; }

    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    public string ExamUrl => new Uri(BaseAddress, "/course/statistics/final-exam").ToString();

    public string JwksUrl => _server.JwksUrl;

    public string AuthorizationEndpoint => _server.AuthorizationEndpoint;

    public string TokenEndpoint => _server.TokenEndpoint;

    /// <summary>The JWT form fields posted to start_assessment_url.</summary>
    public ConcurrentQueue<string> StartAssessments { get; } = new();

    public ConcurrentQueue<PlatformCall> ServiceCalls => _server.ServiceCalls;

    /// <summary>Authorization requests refused, with the reason (none expected).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<BrowserLms> StartAsync(Uri tool)
    {
        using var http = new HttpClient();
        var values = await http.GetFromJsonAsync<ToolValues>(new Uri(tool, "/lti/tool"), new JsonSerializerOptions(JsonSerializerDefaults.Web), TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("The tool published no values.");
        BrowserLms? lms = null;
        var server = await PlatformServer.StartAsync("lms-key-1", app =>
        {
            app.MapGet("/course/statistics/final-exam", () => Results.Redirect(lms!.LoginInitiation()));
            app.MapGet("/authorize", (HttpRequest request) => lms!.Authorize(request));
            app.MapPost("/start-assessment", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                lms!.StartAssessments.Enqueue(form["JWT"].ToString());
                return Results.Content("<!doctype html><html lang=\"en\"><head><title>Statistics final exam</title></head><body><main><h1>Statistics final exam</h1><p id=\"lms-exam\">The exam has started.</p></main></body></html>", "text/html");
            }).DisableAntiforgery();
        });
        lms = new BrowserLms(server, tool, values);
        return lms;
    }

    /// <summary>LtiStartAssessment validated as a platform does: RS256 under a key of the tool's JWKS, from the client id, for this issuer.</summary>
    public async Task<JsonWebToken> VerifyStartAssessmentAsync(string jwt)
    {
        var jwks = new JsonWebKeySet(await _http.GetStringAsync(new Uri(Values.JwksUrl), TestContext.Current.CancellationToken));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.Keys,
            ValidIssuer = ClientId,
            ValidAudience = Issuer,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private string LoginInitiation()
    {
        var query = new Dictionary<string, string>
        {
            ["iss"] = Issuer,
            ["login_hint"] = LtiUser,
            ["target_link_uri"] = Values.LaunchUrl,
            ["client_id"] = ClientId,
            ["lti_deployment_id"] = DeploymentId,
            ["lti_message_hint"] = "final-exam-attempt-1",
        };
        return Values.LoginInitiationUrl + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>The OIDC authorization request of the login: checked, then answered with the launch as a self-submitting form.</summary>
    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        var reason = q["client_id"] != ClientId ? "client_id"
            : q["redirect_uri"] != Values.LaunchUrl ? "redirect_uri"
            : q["response_type"] != "id_token" ? "response_type"
            : q["response_mode"] != "form_post" ? "response_mode"
            : q["scope"] != "openid" ? "scope"
            : q["login_hint"] != LtiUser ? "login_hint"
            : q["lti_message_hint"] != "final-exam-attempt-1" ? "lti_message_hint"
            : string.IsNullOrEmpty(q["state"]) ? "state"
            : string.IsNullOrEmpty(q["nonce"]) || !_nonces.TryAdd(q["nonce"].ToString(), true) ? "nonce"
            : null;
        if (reason is not null)
        {
            Refused.Enqueue(reason);
            return Results.Text("invalid_request: " + reason, statusCode: (int)HttpStatusCode.BadRequest);
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var idToken = _server.Sign(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["sub"] = LtiUser,
            ["iat"] = now,
            ["exp"] = now + 300,
            ["nonce"] = q["nonce"].ToString(),
            ["given_name"] = "Ada",
            ["family_name"] = "Lovelace",
            ["name"] = "Ada Lovelace",
            ["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiStartProctoring",
            ["https://purl.imsglobal.org/spec/lti/claim/version"] = "1.3.0",
            ["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = DeploymentId,
            ["https://purl.imsglobal.org/spec/lti/claim/target_link_uri"] = Values.LaunchUrl,
            ["https://purl.imsglobal.org/spec/lti/claim/resource_link"] = new Dictionary<string, object> { ["id"] = ResourceLink, ["title"] = "Final exam" },
            ["https://purl.imsglobal.org/spec/lti/claim/context"] = new Dictionary<string, object> { ["id"] = "statistics-101", ["title"] = "Statistics 101" },
            ["https://purl.imsglobal.org/spec/lti-ap/claim/attempt_number"] = 1,
            ["https://purl.imsglobal.org/spec/lti-ap/claim/session_data"] = SessionData,
            ["https://purl.imsglobal.org/spec/lti-ap/claim/start_assessment_url"] = new Uri(BaseAddress, "/start-assessment").ToString(),
            ["https://purl.imsglobal.org/spec/lti-ap/claim/acs"] = new Dictionary<string, object>
            {
                ["actions"] = new[] { "flag", "pause", "resume", "terminate" },
                ["assessment_control_url"] = new Uri(BaseAddress, "/acs").ToString(),
            },
        });
        // The platform's own page, not the tool's: an inline script submitting the form is the usual form_post.
        var html = $"""
            <!doctype html><html lang="en"><head><title>Launching</title></head><body>
            <form method="post" action="{WebUtility.HtmlEncode(Values.LaunchUrl)}">
            <input type="hidden" name="id_token" value="{WebUtility.HtmlEncode(idToken)}">
            <input type="hidden" name="state" value="{WebUtility.HtmlEncode(q["state"].ToString())}">
            </form><script>document.forms[0].submit();</script></body></html>
            """;
        return Results.Content(html, "text/html");
    }
}
