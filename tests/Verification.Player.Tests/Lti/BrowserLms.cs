using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Player.Tests.Lti;

/// <summary>
/// An LMS acting as an LTI 1.3 platform for a browser, written for this test with Microsoft.IdentityModel only (none of
/// the tool's LTI code): it reads the tool's values from <c>/lti/tool</c>, starts the OIDC login from its exam page,
/// answers the authorization request with an auto-submitted form carrying a signed LtiStartProctoring id_token,
/// receives LtiStartAssessment and verifies it against the tool's JWKS, and records the tool's token and ACS calls.
/// </summary>
internal sealed class BrowserLms : IAsyncDisposable
{
    public const string ClientId = "verification-tool-client";
    public const string DeploymentId = "deployment-1";
    public const string LtiUser = "lms-user-ada";
    public const string ResourceLink = "statistics-final-link";
    public const string SessionData = "lms-csrf-7f3a9c";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "lms-key-1" };
    private readonly ConcurrentDictionary<string, bool> _nonces = new();
    private readonly HttpClient _http = new();

    public sealed record ToolValues(string LoginInitiationUrl, string LaunchUrl, string JwksUrl);

    public sealed record Call(string Path, string? Authorization, string? ContentType, string Body);

    private BrowserLms(WebApplication app, Uri address, Uri tool, ToolValues values)
    {
        _app = app;
        BaseAddress = address;
        Tool = tool;
        Values = values;
    }

    public Uri BaseAddress { get; }

    public Uri Tool { get; }

    /// <summary>What the LMS administrator registered for the tool, read from the tool's own page.</summary>
    public ToolValues Values { get; }

    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    public string ExamUrl => new Uri(BaseAddress, "/course/statistics/final-exam").ToString();

    public string JwksUrl => new Uri(BaseAddress, "/jwks").ToString();

    public string AuthorizationEndpoint => new Uri(BaseAddress, "/authorize").ToString();

    public string TokenEndpoint => new Uri(BaseAddress, "/token").ToString();

    /// <summary>The JWT form fields posted to start_assessment_url.</summary>
    public ConcurrentQueue<string> StartAssessments { get; } = new();

    public ConcurrentQueue<Call> ServiceCalls { get; } = new();

    /// <summary>Authorization requests refused, with the reason (none expected).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<BrowserLms> StartAsync(Uri tool)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        BrowserLms? lms = null;
        app.MapGet("/jwks", () => Results.Text(lms!.Jwks(), "application/json"));
        app.MapGet("/course/statistics/final-exam", () => Results.Redirect(lms!.LoginInitiation()));
        app.MapGet("/authorize", (HttpRequest request) => lms!.Authorize(request));
        app.MapPost("/start-assessment", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            lms!.StartAssessments.Enqueue(form["JWT"].ToString());
            return Results.Content("<!doctype html><html lang=\"en\"><head><title>Statistics final exam</title></head><body><main><h1>Statistics final exam</h1><p id=\"lms-exam\">The exam has started.</p></main></body></html>", "text/html");
        }).DisableAntiforgery();
        app.MapPost("/token", async (HttpRequest request) =>
        {
            lms!.ServiceCalls.Enqueue(new Call("/token", null, request.ContentType, await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.Json(new { access_token = "lms-access-token", token_type = "Bearer", expires_in = 3600, scope = "https://purl.imsglobal.org/spec/lti-ap/scope/control.all" });
        }).DisableAntiforgery();
        app.MapPost("/acs", async (HttpRequest request) =>
        {
            lms!.ServiceCalls.Enqueue(new Call("/acs", request.Headers.Authorization.ToString(), request.ContentType, await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.Json(new { status = "flagged" }, contentType: "application/vnd.ims.lti-ap.v1.control+json");
        }).DisableAntiforgery();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        using var http = new HttpClient();
        var values = await http.GetFromJsonAsync<ToolValues>(new Uri(tool, "/lti/tool"), new JsonSerializerOptions(JsonSerializerDefaults.Web), TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("The tool published no values.");
        lms = new BrowserLms(app, address, tool, values);
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
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
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
        var idToken = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
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
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
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

    private string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256", use = "sig" } } });
    }
}
