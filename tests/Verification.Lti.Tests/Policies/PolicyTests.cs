using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Lti.Tests.Support;
using Verification.Proctoring.Contracts;
using Verification.Testing.Lti;

namespace Verification.Lti.Tests.Policies;

/// <summary>
/// A partner's policy decides the ACS action a flag becomes (flag, pause, resume, terminate with severity, reason code
/// and message) and whether a failed pre-exam check reaches the ACS; terminate on a machine finding is refused unless
/// the partner marks it as its explicit choice.
/// </summary>
public sealed class PolicyTests(LtiApp app) : RegisteredPlatformTests(app)
{
    public static TheoryData<string, string> Refused => new()
    {
        { """{ "flags": { "SeveralFaces": { "action": "terminate" } }, "default": { "action": "flag" }, "preExamFailure": "unverified" }""", "policy_terminate_not_explicit" },
        { """{ "default": { "action": "terminate", "explicitPartnerChoice": false }, "preExamFailure": "unverified" }""", "policy_terminate_not_explicit" },
        { """{ "flags": { "Impostor": { "action": "flag" } }, "default": { "action": "flag" }, "preExamFailure": "unverified" }""", "policy_invalid" },
        { """{ "flags": { "2": { "action": "flag" } }, "default": { "action": "flag" }, "preExamFailure": "unverified" }""", "policy_invalid" },
        { """{ "default": { "action": "fail" }, "preExamFailure": "unverified" }""", "policy_invalid" },
        { """{ "default": { "action": "flag", "severity": 1.5 }, "preExamFailure": "unverified" }""", "policy_invalid" },
        { """{ "default": { "action": "flag", "reasonCode": "" }, "preExamFailure": "unverified" }""", "policy_invalid" },
        { """{ "default": { "action": "flag" }, "preExamFailure": "refuse" }""", "policy_invalid" },
        { """{ "preExamFailure": "unverified" }""", "policy_invalid" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_policy_is_refused_with_its_reason_and_the_partner_keeps_the_policy_it_had(string policy, string code)
    {
        using var response = await PutAsync(policy);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        var stored = await GetAsync();
        Assert.Equal("flag", stored.GetProperty("default").GetProperty("action").GetString());
        Assert.Equal("unverified", stored.GetProperty("preExamFailure").GetString());
        Assert.Equal(0, await App.CountAsync("SELECT count(*) FROM lti.policies WHERE partner_id = @PartnerId", new { Flow.PartnerId }));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_policy_and_its_refusals()
    {
        using var client = App.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel));
        var path = document.RootElement.GetProperty("paths").GetProperty("/api/v1/partners/{partnerId}/lti-policy");

        var put = path.GetProperty("put").GetRawText();
        Assert.Contains("policy_terminate_not_explicit", put, StringComparison.Ordinal);
        Assert.Contains("policy_invalid", put, StringComparison.Ordinal);
        Assert.Contains("partner_not_found", path.GetProperty("get").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_for_an_unknown_partner_is_refused()
    {
        using var admin = await App.AdminAsync();
        using var response = await admin.PutAsync(new Uri($"/api/v1/partners/{Guid.CreateVersion7()}/lti-policy", UriKind.Relative), Json("""{ "default": { "action": "flag" }, "preExamFailure": "unverified" }"""), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("partner_not_found", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Flags_reach_the_platform_as_the_policy_maps_them_and_terminate_only_where_the_partner_chose_it()
    {
        using (var set = await PutAsync("""
            { "flags": {
                "FaceMismatch": { "action": "pause", "severity": 0.7, "reasonCode": "ID-MISMATCH", "message": "Paused for a reviewer: the face changed." },
                "SeveralFaces": { "action": "terminate", "severity": 1, "reasonCode": "ANOTHER-PERSON", "explicitPartnerChoice": true } },
              "default": { "action": "flag", "severity": 0.3 },
              "preExamFailure": "unverified" }
            """))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        Assert.True((await GetAsync()).GetProperty("flags").GetProperty("SeveralFaces").GetProperty("explicitPartnerChoice").GetBoolean());
        var launch = await StartedAssessmentAsync(SessionVerdictName.Verified);

        await VerdictAsync(launch, Guid.CreateVersion7(), SessionVerdictName.NeedsReview, ["StreamGap", "FaceMismatch"]);
        var pause = Body(await WaitForAcsAsync(1));
        await VerdictAsync(launch, Guid.CreateVersion7(), SessionVerdictName.NeedsReview, ["SeveralFaces"]);
        var terminate = Body(await WaitForAcsAsync(2));
        await VerdictAsync(launch, Guid.CreateVersion7(), SessionVerdictName.NeedsReview, ["CameraBlocked"]);
        var flag = Body(await WaitForAcsAsync(3));

        Assert.Equal("pause", pause.GetProperty("action").GetString());
        Assert.Equal(0.7, pause.GetProperty("incident_severity").GetDouble());
        Assert.Equal("ID-MISMATCH", pause.GetProperty("reason_code").GetString());
        Assert.Equal("Paused for a reviewer: the face changed.", pause.GetProperty("reason_msg").GetString());
        Assert.Equal("terminate", terminate.GetProperty("action").GetString());
        Assert.Equal("ANOTHER-PERSON", terminate.GetProperty("reason_code").GetString());
        Assert.Equal("flag", flag.GetProperty("action").GetString());
        Assert.Equal(0.3, flag.GetProperty("incident_severity").GetDouble());
        Assert.Equal("CameraBlocked", flag.GetProperty("reason_code").GetString());
        // The tool records each call's action once the platform has answered it.
        var recorded = 0L;
        for (var i = 0; i < 50 && (recorded = await RecordedActionsAsync(launch)) < 3; i++)
        {
            await Task.Delay(200, Cancel);
        }

        Assert.Equal(3, recorded);
    }

    [Fact]
    public async Task A_failed_pre_exam_check_reaches_the_acs_once_only_when_the_policy_asks_for_it()
    {
        var builtIn = await StartedAssessmentAsync(SessionVerdictName.NeedsReview);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.DoesNotContain(Platform.ServiceCalls, c => c.Path == "/acs");

        using (var set = await PutAsync("""{ "default": { "action": "flag", "reasonCode": "PRE-EXAM" }, "preExamFailure": "unverified_and_control" }"""))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var sessionId = Guid.CreateVersion7();
        var launch = await StartedAssessmentAsync(SessionVerdictName.NeedsReview, sessionId, "learner-18");
        var flag = Body(await WaitForAcsAsync(1));
        using (var again = await StartAssessmentAsync(launch))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        // Proctoring's outbox delivers the pre-exam check's verdict again: it is not an exam flag.
        await VerdictAsync(launch, sessionId, SessionVerdictName.NeedsReview, ["FaceMismatch"]);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        Assert.Equal("flag", flag.GetProperty("action").GetString());
        Assert.Equal("PRE-EXAM", flag.GetProperty("reason_code").GetString());
        Assert.Equal("learner-18", flag.GetProperty("user").GetProperty("sub").GetString());
        Assert.Single(Platform.ServiceCalls, c => c.Path == "/acs");
        Assert.Equal(0, await App.CountAsync("SELECT count(*) FROM lti.acs_flags WHERE launch_id = @id", new { id = builtIn.GetProperty("launchId").GetGuid() }));
    }

    private Task<long> RecordedActionsAsync(JsonElement launch) =>
        App.CountAsync("SELECT count(*) FROM lti.acs_flags WHERE launch_id = @id AND action IN ('pause', 'terminate', 'flag') AND sent_at IS NOT NULL",
            new { id = launch.GetProperty("launchId").GetGuid() });

    private async Task<HttpResponseMessage> PutAsync(string policy)
    {
        using var admin = await App.AdminAsync();
        return await admin.PutAsync(new Uri($"/api/v1/partners/{Flow.PartnerId}/lti-policy", UriKind.Relative), Json(policy), Cancel);
    }

    private async Task<JsonElement> GetAsync()
    {
        using var admin = await App.AdminAsync();
        return await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/partners/{Flow.PartnerId}/lti-policy", UriKind.Relative), Cancel);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static JsonElement Body(PlatformCall call) => JsonDocument.Parse(call.Body).RootElement.Clone();

    private async Task<JsonElement> StartedAssessmentAsync(SessionVerdictName preExam, Guid? preExamSession = null, string subject = "learner-17")
    {
        var login = await Flow.LoginAsync();
        var claims = Flow.Claims(login);
        claims["sub"] = subject;
        using var response = await Flow.LaunchAsync(Platform.Sign(claims), login.State, login.Cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var launch = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        await VerdictAsync(launch, preExamSession ?? Guid.CreateVersion7(), preExam, preExam == SessionVerdictName.Verified ? [] : ["FaceMismatch"]);
        using var started = await StartAssessmentAsync(launch);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        return launch;
    }

    private async Task<HttpResponseMessage> StartAssessmentAsync(JsonElement launch)
    {
        using var client = App.Browserless();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learners/{launch.GetProperty("learnerId").GetGuid()}/lti-launches/{launch.GetProperty("launchId").GetGuid()}/start-assessment");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", launch.GetProperty("enrollmentToken").GetString());
        return await client.SendAsync(request, Cancel);
    }

    private async Task VerdictAsync(JsonElement launch, Guid sessionId, SessionVerdictName verdict, IReadOnlyList<string> flags)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new SessionVerdictReached(
            sessionId, launch.GetProperty("learnerId").GetGuid(), launch.GetProperty("courseId").GetGuid(), "final-exam-link", verdict,
            flags.Count == 0 ? ReviewCasePriority.None : ReviewCasePriority.High, flags), Cancel);
    }

    /// <summary>The <paramref name="count"/>th ACS call, once it came.</summary>
    private async Task<PlatformCall> WaitForAcsAsync(int count)
    {
        for (var i = 0; i < 150 && Platform.ServiceCalls.Count(c => c.Path == "/acs") < count; i++)
        {
            await Task.Delay(200, Cancel);
        }

        var calls = Platform.ServiceCalls.Where(c => c.Path == "/acs").ToList();
        Assert.True(calls.Count >= count, $"the platform got {calls.Count} ACS calls, not {count}");
        return calls[count - 1];
    }
}
