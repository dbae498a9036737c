using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.Tests.Support;

namespace Verification.Lti.Tests.Launch;

/// <summary>
/// The launch against an LMS written for the test: a genuine LtiStartProctoring passes; each forged or stale part is
/// refused with its own reason, and a refused launch leaves no launch behind.
/// </summary>
public sealed class LaunchRefusalTests(LtiApp app) : RegisteredPlatformTests(app)
{
    [Fact]
    public async Task A_genuine_start_proctoring_launch_passes_and_is_recorded_once()
    {
        var login = await Flow.LoginAsync();
        Assert.Equal("openid", login.Query["scope"]);
        Assert.Equal("id_token", login.Query["response_type"]);
        Assert.Equal("form_post", login.Query["response_mode"]);
        Assert.Equal("none", login.Query["prompt"]);
        Assert.Equal(TestPlatform.ClientId, login.Query["client_id"]);
        Assert.Equal(LoginFlow.LaunchUrl, login.Query["redirect_uri"]);
        Assert.Equal("learner-17", login.Query["login_hint"]);
        Assert.Equal("LtiStartProctoring", login.Query["lti_message_hint"]);

        using var response = await Flow.LaunchAsync(Platform.Sign(Flow.Claims(login)), login.State, login.Cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await LaunchesAsync());
        Assert.Contains("GET /jwks", Platform.Requests);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        await AssertRefusedAsync(401, "lti_audience_invalid", claims => claims["aud"] = "some-other-tool");
    }

    [Fact]
    public async Task Several_audiences_without_azp_or_with_another_azp_are_refused()
    {
        await AssertRefusedAsync(401, "lti_azp_invalid", claims => claims["aud"] = new[] { TestPlatform.ClientId, "another-tool" });
        await AssertRefusedAsync(401, "lti_azp_invalid", claims => claims["azp"] = "another-tool");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var now = App.Time.GetUtcNow().ToUnixTimeSeconds();
        await AssertRefusedAsync(401, "lti_token_expired", claims => (claims["iat"], claims["exp"]) = (now - 400, now - 120));
    }

    [Fact]
    public async Task A_token_issued_in_the_future_or_long_ago_is_refused()
    {
        var now = App.Time.GetUtcNow().ToUnixTimeSeconds();
        await AssertRefusedAsync(401, "lti_iat_invalid", claims => claims["iat"] = now + 600);
        await AssertRefusedAsync(401, "lti_iat_invalid", claims => (claims["iat"], claims["exp"]) = (now - 3600, now + 3600));
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused_and_a_used_state_too()
    {
        var first = await Flow.LoginAsync();
        var token = Platform.Sign(Flow.Claims(first));
        using (var accepted = await Flow.LaunchAsync(token, first.State, first.Cookie))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // The same post again: its state is spent.
        await AssertProblemAsync(await Flow.LaunchAsync(token, first.State, first.Cookie), 400, "lti_state_used");
        // The captured id_token replayed into a fresh login of the attacker's own.
        var second = await Flow.LoginAsync();
        await AssertProblemAsync(await Flow.LaunchAsync(token, second.State, second.Cookie), 401, "lti_nonce_replayed");
        // A nonce never issued is another refusal.
        await AssertRefusedAsync(401, "lti_nonce_invalid", claims => claims["nonce"] = "made-up");
        Assert.Equal(1, await LaunchesAsync());
    }

    [Fact]
    public async Task An_unknown_deployment_is_refused_at_login_and_at_launch()
    {
        using (var login = await Flow.InitiateAsync("deployment-99"))
        {
            await AssertProblemAsync(login, 400, "lti_deployment_unknown", dispose: false);
            Assert.False(login.Headers.Contains("Set-Cookie"));
        }

        await AssertRefusedAsync(401, "lti_deployment_unknown", claims => claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = "deployment-99");
    }

    [Fact]
    public async Task A_token_signed_by_a_key_not_in_the_platforms_jwks_is_refused()
    {
        await AssertRefusedAsync(401, "lti_signature_invalid", _ => { }, Platform.UnpublishedKey);
        await AssertRefusedAsync(401, "lti_signature_invalid", _ => { }, new SymmetricSecurityKey(new byte[32]) { KeyId = Platform.Key.KeyId });
    }

    [Fact]
    public async Task A_state_that_does_not_match_the_browsers_cookie_is_refused()
    {
        var mine = await Flow.LoginAsync();
        var theirs = await Flow.LoginAsync();
        var token = Platform.Sign(Flow.Claims(theirs));

        await AssertProblemAsync(await Flow.LaunchAsync(token, theirs.State, mine.Cookie), 400, "lti_state_mismatch");
        await AssertProblemAsync(await Flow.LaunchAsync(token, theirs.State, null), 400, "lti_state_mismatch");
        await AssertProblemAsync(await Flow.LaunchAsync(token, "never-issued", "lti-state-x=never-issued"), 400, "lti_state_mismatch");
        Assert.Equal(0, await LaunchesAsync());
        // The mismatches did not spend the state: its own browser still completes the login.
        using var own = await Flow.LaunchAsync(token, theirs.State, theirs.Cookie);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_login_left_waiting_past_its_lifetime_is_refused()
    {
        var login = await Flow.LoginAsync();
        var claims = Flow.Claims(login);
        App.Time.Advance(TimeSpan.FromMinutes(6));
        try
        {
            await AssertProblemAsync(await Flow.LaunchAsync(Platform.Sign(claims), login.State, login.Cookie), 400, "lti_state_expired");
        }
        finally
        {
            App.Time.Advance(TimeSpan.FromMinutes(60));
        }

        Assert.Equal(0, await LaunchesAsync());
    }

    [Theory]
    [InlineData("iss", "https://evil.example.org", "lti_issuer_invalid")]
    [InlineData("https://purl.imsglobal.org/spec/lti/claim/version", "1.1", "lti_version_unsupported")]
    [InlineData("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiResourceLinkRequest", "lti_message_type_unsupported")]
    [InlineData("https://purl.imsglobal.org/spec/lti/claim/resource_link", null, "lti_claim_missing")]
    [InlineData("sub", null, "lti_claim_missing")]
    public async Task A_token_with_a_wrong_or_missing_claim_is_refused(string claim, string? value, string code)
    {
        await AssertRefusedAsync(401, code, claims =>
        {
            if (value is null)
            {
                claims.Remove(claim);
            }
            else
            {
                claims[claim] = value;
            }
        });
    }

    [Fact]
    public async Task Garbage_in_the_form_is_refused_without_a_server_error()
    {
        var login = await Flow.LoginAsync();
        await AssertProblemAsync(await Flow.LaunchAsync("not.a.jwt", login.State, login.Cookie), 401, "lti_token_malformed");
        await AssertProblemAsync(await Flow.LaunchAsync("", login.State, login.Cookie), 400, "lti_request_invalid");
        using var client = App.Browserless();
        using var json = await client.PostAsJsonAsync("/lti/launch", new { id_token = "x", state = "y" }, Cancel);
        await AssertProblemAsync(json, 400, "lti_request_invalid", dispose: false);
        Assert.Equal(0, await LaunchesAsync());
    }

    [Fact]
    public async Task A_form_the_framework_cannot_read_is_refused_with_the_endpoints_own_code_not_a_server_error()
    {
        using var client = App.Browserless();
        var startAssessment = $"/lti/launches/{Guid.CreateVersion7()}/start-assessment";
        foreach (var broken in new Func<HttpContent>[] { MultipartWithoutBoundary, TooManyFields })
        {
            await AssertProblemAsync(await PostAsync(client, "/lti/launch", broken), 400, "lti_request_invalid");
            await AssertProblemAsync(await PostAsync(client, "/lti/login", broken), 400, "lti_login_invalid");
            await AssertProblemAsync(await PostAsync(client, startAssessment, broken), 401, "lti_learner_token_invalid");
        }

        Assert.Equal(0, await LaunchesAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Func<HttpContent> body)
    {
        using var content = body();
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, Cancel);
    }

    private static HttpContent MultipartWithoutBoundary()
    {
        var content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"state\"\r\n\r\ny\r\n--x--\r\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        return content;
    }

    // Past the framework's 1024 fields a form is not read.
    private static HttpContent TooManyFields() =>
        new StringContent(string.Join('&', Enumerable.Range(0, 1500).Select(i => $"f{i}=1")), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

    private async Task AssertRefusedAsync(int status, string code, Action<Dictionary<string, object>> tamper, SecurityKey? key = null)
    {
        var before = await LaunchesAsync();
        var login = await Flow.LoginAsync();
        var claims = Flow.Claims(login);
        tamper(claims);
        await AssertProblemAsync(await Flow.LaunchAsync(Platform.Sign(claims, key), login.State, login.Cookie), status, code);
        Assert.Equal(before, await LaunchesAsync());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code, bool dispose = true)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True((int)response.StatusCode == status, $"expected {status} {code}, got {(int)response.StatusCode}: {body}");
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        }
        finally
        {
            if (dispose)
            {
                response.Dispose();
            }
        }
    }

    private Task<long> LaunchesAsync() => App.CountAsync("SELECT count(*) FROM lti.launches WHERE platform_id = @id", new { id = PlatformId });
}
