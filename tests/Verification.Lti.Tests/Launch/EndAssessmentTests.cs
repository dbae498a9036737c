using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.Tests.Support;

namespace Verification.Lti.Tests.Launch;

/// <summary>
/// LtiEndAssessment from the test LMS: validated like any launch (each forged or stale part refused with its reason,
/// nothing recorded), tied to the attempt's LtiStartProctoring launch, and answered with the session it ended (none
/// here: no player is connected; Proctoring's EndAttemptSessionTests end a live one through the same contract).
/// </summary>
public sealed class EndAssessmentTests(LtiApp app) : RegisteredPlatformTests(app)
{
    private const string MessageType = "https://purl.imsglobal.org/spec/lti/claim/message_type";
    private const string AttemptNumber = "https://purl.imsglobal.org/spec/lti-ap/claim/attempt_number";

    [Fact]
    public async Task An_end_assessment_for_a_started_attempt_is_accepted_tied_to_its_learner_and_recorded_once()
    {
        var start = await Flow.LoginAsync();
        using var started = await Flow.LaunchAsync(Platform.Sign(Flow.Claims(start)), start.State, start.Cookie);
        var startLaunch = await started.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        var login = await Flow.LoginAsync();
        using var response = await Flow.LaunchAsync(Platform.Sign(EndClaims(login)), login.State, login.Cookie);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        var unknownAttempt = await Flow.LoginAsync();
        var claims = EndClaims(unknownAttempt);
        claims[AttemptNumber] = 7;
        using var other = await Flow.LaunchAsync(Platform.Sign(claims), unknownAttempt.State, unknownAttempt.Cookie);

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var ended = JsonDocument.Parse(body);
        var root = ended.RootElement;
        Assert.Equal("LtiEndAssessment", root.GetProperty("messageType").GetString());
        Assert.Equal(startLaunch.GetProperty("learnerId").GetGuid(), root.GetProperty("learnerId").GetGuid());
        Assert.Equal(1, root.GetProperty("attemptNumber").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("endedSessionId").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("sessionToken").ValueKind);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await other.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("learnerId").ValueKind);
        Assert.Equal(1, await App.CountAsync(
            "SELECT count(*) FROM lti.launches WHERE platform_id = @id AND message_type = 'LtiEndAssessment' AND learner_id IS NOT NULL AND attempt_number = 1", new { id = PlatformId }));
    }

    [Fact]
    public async Task An_end_assessment_for_another_audience_expired_without_an_attempt_or_from_an_unknown_deployment_is_refused()
    {
        var now = App.Time.GetUtcNow().ToUnixTimeSeconds();
        await AssertRefusedAsync(401, "lti_audience_invalid", claims => claims["aud"] = "some-other-tool");
        await AssertRefusedAsync(401, "lti_token_expired", claims => (claims["iat"], claims["exp"]) = (now - 400, now - 120));
        await AssertRefusedAsync(401, "lti_deployment_unknown", claims => claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = "deployment-99");
        await AssertRefusedAsync(401, "lti_claim_missing", claims => claims.Remove(AttemptNumber));
        await AssertRefusedAsync(401, "lti_claim_missing", claims => claims[AttemptNumber] = 0);
        await AssertRefusedAsync(401, "lti_signature_invalid", _ => { }, Platform.UnpublishedKey);
    }

    [Fact]
    public async Task A_replayed_end_assessment_and_one_posted_from_another_browser_are_refused()
    {
        var first = await Flow.LoginAsync();
        var token = Platform.Sign(EndClaims(first));
        using (var accepted = await Flow.LaunchAsync(token, first.State, first.Cookie))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var second = await Flow.LoginAsync();
        await AssertProblemAsync(await Flow.LaunchAsync(token, second.State, second.Cookie), 401, "lti_nonce_replayed");
        var mine = await Flow.LoginAsync();
        var theirs = await Flow.LoginAsync();
        await AssertProblemAsync(await Flow.LaunchAsync(Platform.Sign(EndClaims(theirs)), theirs.State, mine.Cookie), 400, "lti_state_mismatch");
        Assert.Equal(1, await EndLaunchesAsync());
    }

    private Dictionary<string, object> EndClaims(LoginFlow.Login login)
    {
        var claims = Flow.Claims(login);
        claims[MessageType] = "LtiEndAssessment";
        claims.Remove("https://purl.imsglobal.org/spec/lti-ap/claim/session_data");
        claims.Remove("https://purl.imsglobal.org/spec/lti-ap/claim/start_assessment_url");
        return claims;
    }

    private async Task AssertRefusedAsync(int status, string code, Action<Dictionary<string, object>> tamper, SecurityKey? key = null)
    {
        var before = await EndLaunchesAsync();
        var login = await Flow.LoginAsync();
        var claims = EndClaims(login);
        tamper(claims);
        await AssertProblemAsync(await Flow.LaunchAsync(Platform.Sign(claims, key), login.State, login.Cookie), status, code);
        Assert.Equal(before, await EndLaunchesAsync());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True((int)response.StatusCode == status, $"expected {status} {code}, got {(int)response.StatusCode}: {body}");
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        }
    }

    private Task<long> EndLaunchesAsync() =>
        App.CountAsync("SELECT count(*) FROM lti.launches WHERE platform_id = @id AND message_type = 'LtiEndAssessment'", new { id = PlatformId });
}
