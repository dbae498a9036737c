using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Verification.Catalog.Contracts;

namespace Verification.Lti.Tests.Support;

/// <summary>What the platform and the browser do around the tool: register, initiate the login, post the launch.</summary>
internal sealed class LoginFlow(LtiApp app, TestPlatform platform)
{
    public const string LaunchUrl = "http://localhost/lti/launch";

    public sealed record Login(string State, string Nonce, string Cookie, IReadOnlyDictionary<string, string> Query);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Guid PartnerId { get; } = Guid.CreateVersion7();

    public async Task<Guid> RegisterAsync()
    {
        await app.SendAsync(new CreatePartner(PartnerId, "LMS University"));
        using var admin = await app.AdminAsync();
        using var response = await admin.PutAsJsonAsync($"/api/v1/partners/{PartnerId}/lti-platform", new
        {
            issuer = platform.Issuer,
            clientId = TestPlatform.ClientId,
            deploymentIds = new[] { TestPlatform.DeploymentId },
            authorizationEndpoint = platform.AuthorizationEndpoint,
            tokenEndpoint = platform.TokenEndpoint,
            jwksUrl = platform.JwksUrl,
        }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Registered>(Cancel))!.Id;
    }

    public async Task<HttpResponseMessage> InitiateAsync(string? deploymentId = TestPlatform.DeploymentId)
    {
        using var client = app.Browserless();
        var query = new Dictionary<string, string?>
        {
            ["iss"] = platform.Issuer,
            ["login_hint"] = "learner-17",
            ["target_link_uri"] = LaunchUrl,
            ["client_id"] = TestPlatform.ClientId,
            ["lti_message_hint"] = "LtiStartProctoring",
        };
        if (deploymentId is not null)
        {
            query["lti_deployment_id"] = deploymentId;
        }

        return await client.GetAsync(new Uri(QueryHelpers.AddQueryString("/lti/login", query), UriKind.Relative), Cancel);
    }

    public async Task<Login> LoginAsync()
    {
        using var response = await InitiateAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(platform.AuthorizationEndpoint, location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lti-state-", StringComparison.Ordinal)).Split(';')[0];
        return new Login(query["state"], query["nonce"], cookie, query);
    }

    /// <summary>The claims of a genuine LtiStartProctoring id_token for <paramref name="login"/>, at the app's clock.</summary>
    public Dictionary<string, object> Claims(Login login)
    {
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["iss"] = platform.Issuer,
            ["aud"] = TestPlatform.ClientId,
            ["sub"] = "learner-17",
            ["iat"] = now,
            ["exp"] = now + 300,
            ["nonce"] = login.Nonce,
            ["given_name"] = "Ada",
            ["family_name"] = "Learner",
            ["name"] = "Ada Learner",
            ["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiStartProctoring",
            ["https://purl.imsglobal.org/spec/lti/claim/version"] = "1.3.0",
            ["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = TestPlatform.DeploymentId,
            ["https://purl.imsglobal.org/spec/lti/claim/resource_link"] = new Dictionary<string, object> { ["id"] = "final-exam-link" },
            ["https://purl.imsglobal.org/spec/lti/claim/context"] = new Dictionary<string, object> { ["id"] = "course-101", ["title"] = "Statistics 101" },
            ["https://purl.imsglobal.org/spec/lti-ap/claim/attempt_number"] = 1,
            ["https://purl.imsglobal.org/spec/lti-ap/claim/session_data"] = "platform-csrf-" + login.State[..6],
            ["https://purl.imsglobal.org/spec/lti-ap/claim/start_assessment_url"] = new Uri(platform.BaseAddress, "/start-assessment").ToString(),
            ["https://purl.imsglobal.org/spec/lti-ap/claim/acs"] = new Dictionary<string, object>
            {
                ["actions"] = new[] { "flag", "pause", "resume", "terminate" },
                ["assessment_control_url"] = new Uri(platform.BaseAddress, "/acs").ToString(),
            },
        };
    }

    public async Task<HttpResponseMessage> LaunchAsync(string idToken, string state, string? cookie)
    {
        using var client = app.Browserless();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/lti/launch")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = idToken, ["state"] = state }),
        };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request, Cancel);
    }

    private sealed record Registered(Guid Id);
}
