using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Lti.Tests.Support;
using Verification.Proctoring.Contracts;

namespace Verification.Lti.Tests.StartAssessment;

/// <summary>
/// The browser's side of a launch: a launch posted by a browser goes on to the course player's LTI page; the tool's
/// page that posts LtiStartAssessment allows <c>form-action</c> to the platform's origin on that response only, and
/// only for the launch's own learner after the check's verdict; the exam's session token only after LtiStartAssessment.
/// </summary>
public sealed partial class StartAssessmentPageTests(LtiApp app) : RegisteredPlatformTests(app)
{
    [Fact]
    public async Task A_browsers_launch_is_sent_to_the_player_page_with_the_launch_and_its_tokens_in_the_fragment_only()
    {
        var login = await Flow.LoginAsync();
        using var client = App.Browserless();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/lti/launch")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = Platform.Sign(Flow.Claims(login)), ["state"] = login.State }),
        };
        request.Headers.Add("Cookie", login.Cookie);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/player/lti.html#launch=", location, StringComparison.Ordinal);
        Assert.DoesNotContain("?", location, StringComparison.Ordinal);
        var fragment = location[(location.IndexOf('#', StringComparison.Ordinal) + 1)..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal(3, fragment.Count);
        Assert.Equal(1, await App.CountAsync("SELECT count(*) FROM lti.launches WHERE id = @id", new { id = Guid.Parse(fragment["launch"]) }));
        Assert.NotEmpty(fragment["enrollment"]);
        Assert.NotEmpty(fragment["session"]);
    }

    [Fact]
    public async Task The_page_posts_the_signed_message_to_the_platform_and_only_that_response_allows_the_platforms_origin_as_form_action()
    {
        var launch = await LaunchAsync();
        await VerdictAsync(launch, SessionVerdictName.Verified);

        using var response = await PageAsync(launch, launch.GetProperty("enrollmentToken").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var origin = Platform.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"form-action 'self' {origin};", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains($"action=\"{new Uri(Platform.BaseAddress, "/start-assessment")}\"", html, StringComparison.Ordinal);
        Assert.Matches("name=\"JWT\" value=\"[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\"", html);
        Assert.DoesNotMatch(InlineScript(), html);

        // Every other answer keeps form-action to this origin alone.
        using var client = App.Browserless();
        using var player = await client.GetAsync(new Uri("/player/lti.html", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, player.StatusCode);
        Assert.Contains("form-action 'self';", string.Join(";", player.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain(origin, string.Join(";", player.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_refuses_a_missing_or_forged_token_another_learners_token_and_a_check_without_verdict()
    {
        var mine = await LaunchAsync();
        var theirs = await LaunchAsync("learner-other");
        var token = mine.GetProperty("enrollmentToken").GetString()!;

        using (var pending = await PageAsync(mine, token))
        {
            Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
            Assert.Contains("pre_exam_check_pending", await pending.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        await VerdictAsync(mine, SessionVerdictName.Verified);
        foreach (var forged in new string?[] { null, "", "not-a-token", token[..^4] + "AAAA", token + "." })
        {
            using var refused = await PageAsync(mine, forged);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("lti_learner_token_invalid", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        using var other = await PageAsync(mine, theirs.GetProperty("enrollmentToken").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(Platform.BaseAddress.GetLeftPart(UriPartial.Authority), string.Join(";", other.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(0, await App.CountAsync("SELECT count(*) FROM lti.launches WHERE id = @id AND start_assessment_at IS NOT NULL", new { id = theirs.GetProperty("launchId").GetGuid() }));
    }

    [Fact]
    public async Task The_exams_session_token_is_issued_only_after_the_assessment_started_and_only_to_its_learner()
    {
        var launch = await LaunchAsync();
        var other = await LaunchAsync("learner-other");
        using (var early = await ExamTokenAsync(launch, launch.GetProperty("enrollmentToken").GetString()!))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("assessment_not_started", await early.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        await VerdictAsync(launch, SessionVerdictName.NeedsReview);
        using (var page = await PageAsync(launch, launch.GetProperty("enrollmentToken").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var jwt = Regex.Match(await page.Content.ReadAsStringAsync(Cancel), "name=\"JWT\" value=\"([^\"]+)\"").Groups[1].Value;
            var message = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt);
            Assert.Equal("LtiStartAssessment", message.GetPayloadValue<string>("https://purl.imsglobal.org/spec/lti/claim/message_type"));
            Assert.False(message.TryGetPayloadValue<JsonElement>("https://purl.imsglobal.org/spec/lti-ap/claim/verified_user", out _));
        }

        using (var foreign = await ExamTokenAsync(launch, other.GetProperty("enrollmentToken").GetString()!))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        using var issued = await ExamTokenAsync(launch, launch.GetProperty("enrollmentToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var exam = await issued.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(exam.GetProperty("token").GetString());
        Assert.Equal("session", claims.GetPayloadValue<string>("purpose"));
        Assert.NotEqual(launch.GetProperty("sessionToken").GetString(), exam.GetProperty("token").GetString());
    }

    private async Task<JsonElement> LaunchAsync(string subject = "learner-17")
    {
        var login = await Flow.LoginAsync();
        var claims = Flow.Claims(login);
        claims["sub"] = subject;
        using var response = await Flow.LaunchAsync(Platform.Sign(claims), login.State, login.Cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private async Task VerdictAsync(JsonElement launch, SessionVerdictName verdict)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new SessionVerdictReached(
            Guid.CreateVersion7(), launch.GetProperty("learnerId").GetGuid(), launch.GetProperty("courseId").GetGuid(), "final-exam-link", verdict,
            verdict == SessionVerdictName.Verified ? ReviewCasePriority.Low : ReviewCasePriority.High, verdict == SessionVerdictName.Verified ? [] : ["FaceMismatch"]), Cancel);
    }

    private async Task<HttpResponseMessage> PageAsync(JsonElement launch, string? token)
    {
        using var client = App.Browserless();
        var fields = new Dictionary<string, string>();
        if (token is not null)
        {
            fields["token"] = token;
        }

        return await client.PostAsync(new Uri($"/lti/launches/{launch.GetProperty("launchId").GetGuid()}/start-assessment", UriKind.Relative), new FormUrlEncodedContent(fields), Cancel);
    }

    private async Task<HttpResponseMessage> ExamTokenAsync(JsonElement launch, string token)
    {
        using var client = App.Browserless();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learners/{launch.GetProperty("learnerId").GetGuid()}/lti-launches/{launch.GetProperty("launchId").GetGuid()}/exam-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, Cancel);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
