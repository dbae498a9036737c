using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.BuildingBlocks.Access;
using Verification.Enrollment.Contracts;
using Verification.Lti.Tests.Support;
using Verification.Proctoring.Contracts;
using Verification.Testing.Lti;

namespace Verification.Lti.Tests.AssessmentControl;

/// <summary>
/// A session flagged during the exam (after LtiStartAssessment) reaches the platform's Assessment Control Service as a
/// <c>flag</c>, with a client-credentials token got with a JWT assertion the test platform verifies against the tool's
/// JWKS; a platform that is away gets it later through the outbox, with backoff, holding no other platform's flag; a
/// repeated verdict flags once; nothing terminates.
/// </summary>
public sealed class AssessmentControlTests(LtiApp app) : RegisteredPlatformTests(app)
{
    [Fact]
    public async Task An_impostor_flagged_during_the_exam_reaches_the_platform_as_one_acs_flag_retried_until_it_lands()
    {
        var launch = await StartedAssessmentAsync();
        Platform.AcsFailuresLeft = 1;
        var sessionId = Guid.CreateVersion7();

        await VerdictAsync(launch, sessionId, SessionVerdictName.NeedsReview, ["FaceMismatch"]);
        await VerdictAsync(launch, sessionId, SessionVerdictName.NeedsReview, ["FaceMismatch"]);

        // The refused call waits for its next attempt, 10 s on the service's clock.
        await WaitForFailedAttemptsAsync(sessionId, 1);
        App.Time.Advance(TimeSpan.FromSeconds(11));
        var acs = await WaitForAsync(() => Platform.ServiceCalls.Count(c => c.Path == "/acs") >= 2);
        Assert.Equal(2, acs.Count(c => c.Path == "/acs"));
        var call = acs.Last(c => c.Path == "/acs");
        Assert.Equal("Bearer platform-access-token", call.Authorization);
        Assert.StartsWith("application/vnd.ims.lti-ap.v1.control+json", call.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(call.Body);
        var root = body.RootElement;
        Assert.Equal("flag", root.GetProperty("action").GetString());
        Assert.Equal(Platform.Issuer, root.GetProperty("user").GetProperty("iss").GetString());
        Assert.Equal("learner-17", root.GetProperty("user").GetProperty("sub").GetString());
        Assert.Equal("final-exam-link", root.GetProperty("resource_link").GetProperty("id").GetString());
        Assert.Equal(1, root.GetProperty("attempt_number").GetInt32());
        Assert.Equal("FaceMismatch", root.GetProperty("reason_code").GetString());
        Assert.Contains("FaceMismatch", root.GetProperty("reason_msg").GetString(), StringComparison.Ordinal);
        Assert.False(root.TryGetProperty("reason_message", out _));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", root.GetProperty("incident_time").GetString());
        Assert.True(root.GetProperty("incident_severity").GetDouble() is > 0 and <= 1);
        Assert.DoesNotContain(acs, c => c.Body.Contains("terminate", StringComparison.Ordinal));

        var token = acs.First(c => c.Path == "/token");
        var form = QueryHelpers.ParseQuery(token.Body);
        Assert.Equal("client_credentials", form["grant_type"].ToString());
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"].ToString());
        Assert.Equal("https://purl.imsglobal.org/spec/lti-ap/scope/control.all", form["scope"].ToString());
        await VerifyAssertionAsync(form["client_assertion"].ToString());

        // The same verdict delivered again by Proctoring's outbox: no second flag.
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.Equal(2, Platform.ServiceCalls.Count(c => c.Path == "/acs"));
    }

    [Fact]
    public async Task A_verified_exam_session_sends_nothing_to_the_platform()
    {
        var launch = await StartedAssessmentAsync();

        await VerdictAsync(launch, Guid.CreateVersion7(), SessionVerdictName.Verified, []);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        Assert.DoesNotContain(Platform.ServiceCalls, c => c.Path == "/acs");
    }

    [Fact]
    public async Task A_platform_that_keeps_refusing_holds_no_other_platforms_flag_and_waits_longer_each_time_until_given_up()
    {
        await using var other = await TestPlatform.StartAsync();
        var otherFlow = new LoginFlow(App, other);
        await otherFlow.RegisterAsync();
        var refusing = await StartedAssessmentAsync();
        var healthy = await StartedAssessmentAsync(otherFlow, other);
        Platform.AcsFailuresLeft = int.MaxValue;
        var refusedSession = Guid.CreateVersion7();

        await VerdictAsync(refusing, refusedSession, SessionVerdictName.NeedsReview, ["FaceMismatch"]);
        await WaitForFailedAttemptsAsync(refusedSession, 1);
        await VerdictAsync(healthy, Guid.CreateVersion7(), SessionVerdictName.NeedsReview, ["SeveralFaces"]);

        // The other partner's flag leaves at once, though the first platform's call is still pending before it.
        var delivered = await WaitForAsync(other, () => other.ServiceCalls.Any(c => c.Path == "/acs"));
        Assert.Equal("SeveralFaces", JsonDocument.Parse(delivered.Single(c => c.Path == "/acs").Body).RootElement.GetProperty("reason_code").GetString());

        // The refused call is not retried at every poll: it waits 10 s, then 20 s, on the service's clock.
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.Equal(1, AcsCalls(Platform));
        App.Time.Advance(TimeSpan.FromSeconds(11));
        await WaitForFailedAttemptsAsync(refusedSession, 2);
        App.Time.Advance(TimeSpan.FromSeconds(11));
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.Equal(2, AcsCalls(Platform));
        App.Time.Advance(TimeSpan.FromSeconds(10));
        await WaitForFailedAttemptsAsync(refusedSession, 3);

        // A day after the flag it is given up, and nothing more is sent.
        App.Time.Advance(TimeSpan.FromHours(25));
        for (var i = 0; i < 150 && await GivenUpAsync(refusedSession) == 0; i++)
        {
            await Task.Delay(200, Cancel);
        }

        Assert.Equal(1, await GivenUpAsync(refusedSession));
        var calls = AcsCalls(Platform);
        App.Time.Advance(TimeSpan.FromHours(2));
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.Equal(calls, AcsCalls(Platform));
    }

    [Fact]
    public async Task A_platform_slow_to_answer_its_acs_call_holds_no_request_that_delivers_another_modules_outbox()
    {
        var launch = await StartedAssessmentAsync();
        var learnerId = launch.GetProperty("learnerId").GetGuid();
        var courseId = launch.GetProperty("courseId").GetGuid();
        await App.SendAsync(new EnrollLearner(Guid.CreateVersion7(), learnerId, courseId, null));
        using var partner = await App.KeyAsync(Flow.PartnerId, ApiScopes.LearnersWrite);
        Platform.BeforeAcsAccepted = () => Task.Delay(TimeSpan.FromSeconds(12), Cancel);

        await VerdictAsync(launch, Guid.CreateVersion7(), SessionVerdictName.NeedsReview, ["FaceMismatch"]);
        await WaitForAsync(() => Platform.ServiceCalls.Any(c => c.Path == "/acs"));

        // The platform holds the ACS call for 12 s: a graded-item push, which delivers Enrollment's outbox before it
        // answers, does not wait for it (nor would a reviewer's decision or a session's end, Proctoring's outbox).
        var watch = Stopwatch.StartNew();
        using var pushed = await partner.PutAsJsonAsync(
            new Uri($"/api/v1/enrollment/learners/{learnerId}/courses/{courseId}/graded-items/quiz-1", UriKind.Relative),
            new { passed = true, grade = 0.9, occurredAt = App.Time.GetUtcNow() }, Cancel);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"the push waited {watch.Elapsed} for the platform");
    }

    private static int AcsCalls(TestPlatform platform) => platform.ServiceCalls.Count(c => c.Path == "/acs");

    private Task<long> GivenUpAsync(Guid sessionId) => App.CountAsync(
        "SELECT count(*) FROM lti.outbox WHERE payload->>'SessionId' = @session AND given_up_at IS NOT NULL AND delivered_at IS NULL", new { session = sessionId.ToString() });

    /// <summary>Waits until the outbox has recorded <paramref name="attempts"/> failed calls for the session's flag.</summary>
    private async Task WaitForFailedAttemptsAsync(Guid sessionId, int attempts)
    {
        const string Sql = "SELECT coalesce(max(attempts), 0) FROM lti.outbox WHERE payload->>'SessionId' = @session AND delivered_at IS NULL";
        for (var i = 0; i < 150 && await App.CountAsync(Sql, new { session = sessionId.ToString() }) < attempts; i++)
        {
            await Task.Delay(200, Cancel);
        }

        Assert.Equal(attempts, await App.CountAsync(Sql, new { session = sessionId.ToString() }));
    }

    private Task<JsonElement> StartedAssessmentAsync() => StartedAssessmentAsync(Flow, Platform);

    private async Task<JsonElement> StartedAssessmentAsync(LoginFlow flow, TestPlatform platform)
    {
        var login = await flow.LoginAsync();
        using var response = await flow.LaunchAsync(platform.Sign(flow.Claims(login)), login.State, login.Cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var launch = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        await VerdictAsync(launch, Guid.CreateVersion7(), SessionVerdictName.Verified, []);
        using var client = App.Browserless();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learners/{launch.GetProperty("learnerId").GetGuid()}/lti-launches/{launch.GetProperty("launchId").GetGuid()}/start-assessment");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", launch.GetProperty("enrollmentToken").GetString());
        using var started = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        return launch;
    }

    private async Task VerdictAsync(JsonElement launch, Guid sessionId, SessionVerdictName verdict, IReadOnlyList<string> flags)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new SessionVerdictReached(
            sessionId, launch.GetProperty("learnerId").GetGuid(), launch.GetProperty("courseId").GetGuid(), "final-exam-link", verdict,
            flags.Count == 0 ? ReviewCasePriority.None : ReviewCasePriority.High, flags), Cancel);
    }

    private Task<IReadOnlyList<PlatformCall>> WaitForAsync(Func<bool> condition) => WaitForAsync(Platform, condition);

    private static async Task<IReadOnlyList<PlatformCall>> WaitForAsync(TestPlatform platform, Func<bool> condition)
    {
        for (var i = 0; i < 150 && !condition(); i++)
        {
            await Task.Delay(200, Cancel);
        }

        Assert.True(condition(), "the platform got: " + string.Join(", ", platform.ServiceCalls.Select(c => c.Path)));
        return [.. platform.ServiceCalls];
    }

    private async Task VerifyAssertionAsync(string assertion)
    {
        using var client = App.Browserless();
        var jwks = new JsonWebKeySet(await client.GetStringAsync(new Uri("/lti/jwks.json", UriKind.Relative), Cancel));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.Keys,
            ValidIssuer = TestPlatform.ClientId,
            ValidAudience = Platform.TokenEndpoint,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            LifetimeValidator = (_, expires, _, _) => expires > App.Time.GetUtcNow().UtcDateTime,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(TestPlatform.ClientId, ((JsonWebToken)result.SecurityToken).Subject);
    }
}
