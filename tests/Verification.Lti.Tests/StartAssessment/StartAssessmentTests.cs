using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.Tests.Support;
using Verification.Proctoring.Contracts;

namespace Verification.Lti.Tests.StartAssessment;

/// <summary>
/// LtiStartProctoring maps the LTI user and context to the partner's learner and course on first sight; after the
/// pre-exam check's verdict (Proctoring's SessionVerdictReached) the tool answers LtiStartAssessment, which the test
/// platform verifies against the tool's published JWKS with Microsoft.IdentityModel alone.
/// </summary>
public sealed class StartAssessmentTests(LtiApp app) : RegisteredPlatformTests(app)
{
    private const string VerifiedUserClaim = "https://purl.imsglobal.org/spec/lti-ap/claim/verified_user";
    [Fact]
    public async Task A_verified_pre_exam_check_answers_a_signed_start_assessment_that_echoes_the_launch_and_vouches_for_the_names()
    {
        // The same LTI user and context a second time: the same learner and course; the verdict goes to the newest launch.
        var first = (await LaunchAsync()).Launch;
        var (launch, claims) = await LaunchAsync();
        Assert.Equal(first.GetProperty("learnerId").GetGuid(), launch.GetProperty("learnerId").GetGuid());
        Assert.Equal(first.GetProperty("courseId").GetGuid(), launch.GetProperty("courseId").GetGuid());
        Assert.Equal(1, await App.CountAsync("SELECT count(*) FROM lti.learners WHERE platform_id = @id", new { id = PlatformId }));

        using (var pending = await StartAssessmentAsync(launch))
        {
            Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
            Assert.Contains("pre_exam_check_pending", await pending.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        await VerdictAsync(launch, SessionVerdictName.Verified);
        using var response = await StartAssessmentAsync(launch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(claims["https://purl.imsglobal.org/spec/lti-ap/claim/start_assessment_url"], form.GetProperty("startAssessmentUrl").GetString());
        Assert.True(form.GetProperty("identityVerified").GetBoolean());

        var token = await VerifyWithToolJwksAsync(form.GetProperty("jwt").GetString()!);
        Assert.Equal("LtiStartAssessment", token.GetClaim("https://purl.imsglobal.org/spec/lti/claim/message_type").Value);
        Assert.Equal("1.3.0", token.GetClaim("https://purl.imsglobal.org/spec/lti/claim/version").Value);
        Assert.Equal(TestPlatform.DeploymentId, token.GetClaim("https://purl.imsglobal.org/spec/lti/claim/deployment_id").Value);
        Assert.Equal(claims["https://purl.imsglobal.org/spec/lti-ap/claim/session_data"], token.GetClaim("https://purl.imsglobal.org/spec/lti-ap/claim/session_data").Value);
        Assert.True(token.TryGetPayloadValue<int>("https://purl.imsglobal.org/spec/lti-ap/claim/attempt_number", out var attempt));
        Assert.Equal(1, attempt);
        Assert.True(token.TryGetPayloadValue<JsonElement>("https://purl.imsglobal.org/spec/lti/claim/resource_link", out var link));
        Assert.Equal("final-exam-link", link.GetProperty("id").GetString());
        Assert.True(token.TryGetPayloadValue<JsonElement>(VerifiedUserClaim, out var verified));
        Assert.Equal("Ada", verified.GetProperty("given_name").GetString());
        Assert.Equal("Learner", verified.GetProperty("family_name").GetString());
        Assert.False(verified.TryGetProperty("iss", out _));
        Assert.False(verified.TryGetProperty("sub", out _));
    }

    [Fact]
    public async Task A_pre_exam_check_that_needs_review_is_not_refused_but_starts_without_vouching_for_the_learner()
    {
        var (launch, _) = await LaunchAsync();
        await VerdictAsync(launch, SessionVerdictName.NeedsReview);

        using var response = await StartAssessmentAsync(launch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.False(form.GetProperty("identityVerified").GetBoolean());
        Assert.Equal("NeedsReview", form.GetProperty("preExamVerdict").GetString());
        var token = await VerifyWithToolJwksAsync(form.GetProperty("jwt").GetString()!);
        Assert.False(token.TryGetPayloadValue<JsonElement>(VerifiedUserClaim, out _));
    }

    [Fact]
    public async Task A_start_proctoring_without_session_data_is_refused_and_creates_no_learner()
    {
        var login = await Flow.LoginAsync();
        var claims = Flow.Claims(login);
        claims.Remove("https://purl.imsglobal.org/spec/lti-ap/claim/session_data");

        using var response = await Flow.LaunchAsync(Platform.Sign(claims), login.State, login.Cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("lti_claim_missing", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await App.CountAsync("SELECT count(*) FROM lti.learners WHERE platform_id = @id", new { id = PlatformId }));
        Assert.Equal(0, await App.CountAsync("SELECT count(*) FROM lti.launches WHERE platform_id = @id", new { id = PlatformId }));
    }

    [Fact]
    public async Task Another_learners_token_cannot_fetch_the_start_assessment()
    {
        var (mine, _) = await LaunchAsync();
        var (theirs, _) = await LaunchAsync("learner-other");
        await VerdictAsync(mine, SessionVerdictName.Verified);
        using var client = App.Browserless();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learners/{mine.GetProperty("learnerId").GetGuid()}/lti-launches/{mine.GetProperty("launchId").GetGuid()}/start-assessment");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", theirs.GetProperty("enrollmentToken").GetString());

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(JsonElement Launch, Dictionary<string, object> Claims)> LaunchAsync(string subject = "learner-17")
    {
        var login = await Flow.LoginAsync();
        var claims = Flow.Claims(login);
        claims["sub"] = subject;
        using var response = await Flow.LaunchAsync(Platform.Sign(claims), login.State, login.Cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var launch = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("LtiStartProctoring", launch.GetProperty("messageType").GetString());
        Assert.Equal("final-exam-link", launch.GetProperty("assessmentId").GetString());
        return (launch, claims);
    }

    /// <summary>What Proctoring publishes through its outbox when the pre-exam check's session ends.</summary>
    private async Task VerdictAsync(JsonElement launch, SessionVerdictName verdict)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new SessionVerdictReached(
            Guid.CreateVersion7(), launch.GetProperty("learnerId").GetGuid(), launch.GetProperty("courseId").GetGuid(), "final-exam-link", verdict,
            verdict == SessionVerdictName.Verified ? ReviewCasePriority.Low : ReviewCasePriority.High, verdict == SessionVerdictName.Verified ? [] : ["FaceMismatch"]), Cancel);
    }

    private async Task<HttpResponseMessage> StartAssessmentAsync(JsonElement launch)
    {
        using var client = App.Browserless();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learners/{launch.GetProperty("learnerId").GetGuid()}/lti-launches/{launch.GetProperty("launchId").GetGuid()}/start-assessment");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", launch.GetProperty("enrollmentToken").GetString());
        return await client.SendAsync(request, Cancel);
    }

    private async Task<JsonWebToken> VerifyWithToolJwksAsync(string jwt)
    {
        using var client = App.Browserless();
        var jwks = new JsonWebKeySet(await client.GetStringAsync(new Uri("/lti/jwks.json", UriKind.Relative), Cancel));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.Keys,
            ValidIssuer = TestPlatform.ClientId,
            ValidAudience = Platform.Issuer,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            LifetimeValidator = (_, expires, _, _) => expires > App.Time.GetUtcNow().UtcDateTime,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
