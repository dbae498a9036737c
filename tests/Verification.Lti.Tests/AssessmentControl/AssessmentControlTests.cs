using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.Tests.Support;
using Verification.Proctoring.Contracts;
using Verification.Testing.Lti;

namespace Verification.Lti.Tests.AssessmentControl;

/// <summary>
/// A session flagged during the exam (after LtiStartAssessment) reaches the platform's Assessment Control Service as a
/// <c>flag</c>, with a client-credentials token got with a JWT assertion the test platform verifies against the tool's
/// JWKS; a platform that is away gets it later through the outbox; a repeated verdict flags once; nothing terminates.
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

    private async Task<JsonElement> StartedAssessmentAsync()
    {
        var login = await Flow.LoginAsync();
        using var response = await Flow.LaunchAsync(Platform.Sign(Flow.Claims(login)), login.State, login.Cookie);
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

    private async Task<IReadOnlyList<PlatformCall>> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 150 && !condition(); i++)
        {
            await Task.Delay(200, Cancel);
        }

        Assert.True(condition(), "the platform got: " + string.Join(", ", Platform.ServiceCalls.Select(c => c.Path)));
        return [.. Platform.ServiceCalls];
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
