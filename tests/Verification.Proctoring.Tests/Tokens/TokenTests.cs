using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Tokens;

public sealed class TokenTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Fact]
    public async Task A_platform_with_a_valid_api_key_gets_an_enrollment_token_that_expires_in_thirty_minutes()
    {
        var learner = await app.CreateLearnerAsync("Token Learner");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens")
        {
            Content = JsonContent.Create(new { learner.LearnerId, learner.CourseId, purpose = "enrollment" }),
        };
        request.Headers.Add("X-Api-Key", app.PlatformApiKey);

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(30), body.RootElement.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_session_token_lives_fifteen_minutes_and_needs_an_assessment()
    {
        var learner = await app.CreateLearnerAsync("Session Token Learner");

        using var withAssessment = await PostTokenAsync(new { learner.LearnerId, learner.CourseId, purpose = "session", assessmentId = "quiz-1" }, app.PlatformApiKey);
        using var without = await PostTokenAsync(new { learner.LearnerId, learner.CourseId, purpose = "session" }, app.PlatformApiKey);
        using var body = JsonDocument.Parse(await withAssessment.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(app.Time.GetUtcNow().AddMinutes(15), body.RootElement.GetProperty("expiresAt").GetDateTimeOffset());
        await Problems.AssertAsync(without, HttpStatusCode.BadRequest, "assessment_missing");
    }

    [Fact]
    public async Task Refuses_a_missing_or_wrong_api_key()
    {
        var learner = await app.CreateLearnerAsync("No Key Learner");

        using var missing = await PostTokenAsync(new { learner.LearnerId, learner.CourseId, purpose = "enrollment" }, null);
        using var wrong = await PostTokenAsync(new { learner.LearnerId, learner.CourseId, purpose = "enrollment" }, app.PlatformApiKey + "x");

        await Problems.AssertAsync(missing, HttpStatusCode.Unauthorized, "api_key_invalid");
        await Problems.AssertAsync(wrong, HttpStatusCode.Unauthorized, "api_key_invalid");
    }

    [Fact]
    public async Task Refuses_a_token_for_an_unknown_learner_or_a_course_they_are_not_enrolled_in()
    {
        var learner = await app.CreateLearnerAsync("Enrolled Elsewhere");
        var classmate = await app.CreateLearnerAsync("Classmate");

        using var unknown = await PostTokenAsync(new { learnerId = Guid.CreateVersion7(), learner.CourseId, purpose = "enrollment" }, app.PlatformApiKey);
        using var unknownCourse = await PostTokenAsync(new { learner.LearnerId, courseId = Guid.CreateVersion7(), purpose = "enrollment" }, app.PlatformApiKey);
        using var otherCourse = await PostTokenAsync(new { learner.LearnerId, classmate.CourseId, purpose = "enrollment" }, app.PlatformApiKey);

        // A key sees only its partner's learners and courses: an unknown one is no different from another partner's.
        await Problems.AssertAsync(unknown, HttpStatusCode.Forbidden, "partner_mismatch");
        await Problems.AssertAsync(unknownCourse, HttpStatusCode.Forbidden, "partner_mismatch");
        await Problems.AssertAsync(otherCourse, HttpStatusCode.Conflict, "not_enrolled_in_course");
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var learner = await app.CreateLearnerAsync("Expiring Learner");
        var token = await app.TokenAsync(learner);
        using (var fresh = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", token))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // The clock is the class's: later tests mint their tokens after this advance, so they are not affected.
        app.Time.Advance(TimeSpan.FromMinutes(31));
        using var expired = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", token);

        await Problems.AssertAsync(expired, HttpStatusCode.Unauthorized, "token_invalid");
    }

    [Fact]
    public async Task A_forged_or_altered_token_is_refused_with_401()
    {
        var learner = await app.CreateLearnerAsync("Forged Learner");
        var token = await app.TokenAsync(learner);
        var other = await app.CreateLearnerAsync("Forger");
        var otherToken = await app.TokenAsync(other);
        // The header and payload of one learner's token with the signature of another's, and the same payload unsigned.
        var parts = token.Split('.');
        var otherParts = otherToken.Split('.');
        var spliced = $"{otherParts[0]}.{otherParts[1]}.{parts[2]}";
        var unsigned = $"{System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8)}.{otherParts[1]}.";

        using var forged = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{other.LearnerId}/consent", spliced);
        using var algNone = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{other.LearnerId}/consent", unsigned);
        using var garbage = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", "not-a-token");
        using var none = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", null);

        await Problems.AssertAsync(forged, HttpStatusCode.Unauthorized, "token_invalid");
        await Problems.AssertAsync(algNone, HttpStatusCode.Unauthorized, "token_invalid");
        await Problems.AssertAsync(garbage, HttpStatusCode.Unauthorized, "token_invalid");
        await Problems.AssertAsync(none, HttpStatusCode.Unauthorized, "token_invalid");
    }

    [Fact]
    public async Task A_session_token_does_not_open_the_enrollment_api()
    {
        var learner = await app.CreateLearnerAsync("Session Only");
        var sessionToken = await app.TokenAsync(learner, "session", "quiz-1");

        using var response = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", sessionToken);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "token_invalid");
    }

    private async Task<HttpResponseMessage> PostTokenAsync(object body, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

public sealed class DemoTokenTests
{
    [Fact]
    public async Task The_demo_sign_in_mints_tokens_for_the_seeded_learner_only_when_the_demo_is_on()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var demo = new ProctoringHostFactory(database.ConnectionString, demo: true);
        using var demoClient = demo.CreateClient();
        await using var plainDatabase = await TestDatabase.CreateEmptyAsync();
        await using var plain = new ProctoringHostFactory(plainDatabase.ConnectionString);
        using var plainClient = plain.CreateClient();

        using var issued = await demoClient.PostAsJsonAsync("/api/v1/demo/tokens", new { purpose = "enrollment" }, TestContext.Current.CancellationToken);
        using var off = await plainClient.PostAsJsonAsync("/api/v1/demo/tokens", new { purpose = "enrollment" }, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var token = body.RootElement.GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/learners/01935f00-0000-7000-8000-000000000004/consent");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var consent = await demoClient.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
    }
}
