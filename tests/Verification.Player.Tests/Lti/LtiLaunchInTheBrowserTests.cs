using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;
using Verification.Player.Tests.Support;
using Verification.Testing;
using Verification.Testing.Lti;

namespace Verification.Player.Tests.Lti;

/// <summary>
/// An LMS (<see cref="BrowserLms"/>, Microsoft.IdentityModel only) hands its exam to the service through LTI
/// Proctoring Services in headless Chromium with a fake camera: OIDC login initiation, the LtiStartProctoring launch,
/// consent, enrollment and the pre-exam check in the course player's LTI page, LtiStartAssessment posted back and
/// verified against the tool's JWKS; then another person takes over the exam's proctoring window and the LMS gets an
/// ACS <c>flag</c>. Screenshots under <c>$VERIFICATION_TEST_RESULTS/lti/</c>.
/// </summary>
public sealed class LtiLaunchInTheBrowserTests(PlayerFixture fixture, ITestOutputHelper output) : IClassFixture<PlayerFixture>
{
    private const string Learner = "Tony_Blair";
    private const string Impostor = "Jennifer_Capriati";
    private const string Scenario = "launch";
    private const int TypistSeed = 11;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_lms_launch_enrols_and_checks_the_learner_starts_the_assessment_verified_and_an_impostor_is_flagged_to_the_lms()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        await using var lms = await BrowserLms.StartAsync(fixture.Address);
        await RegisterAsync(lms);
        var watch = Stopwatch.StartNew();

        // The learner opens the exam in the LMS: login initiation, authorization, the launch, then the tool's page.
        var context = await (await fixture.BrowserWithCameraAsync(Learner, Photos(lfw, Learner, 0, 5))).NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                cspViolations.Add(message.Text);
            }
        };
        await page.GotoAsync(lms.ExamUrl);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/player/lti\\.html"), new() { Timeout = 90_000 });
        var player = await PlayerPage.OnAsync(page, Scenario, "lti");
        await page.Locator("#screen-consent").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.DoesNotContain("#", page.Url, StringComparison.Ordinal);
        await player.ScreenshotAsync("01-consent");
        await player.AcceptConsentAsync();
        await player.CaptureFaceAsync();
        await player.UploadIdPhotoAsync(Photos(lfw, Learner, 13, 1)[0]);
        await player.TypeEnrollmentSamplesAsync(new Typist(TypistSeed));
        await player.ScreenshotAsync("08-pre-exam-check");

        // The pre-exam check: the pledge typed once, a few photos checked, then the outcome and the way back to the LMS.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the identity check" }).ClickAsync();
        await TypeCheckAsync(page);
        await page.Locator("#continue-button").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 90_000 });
        Assert.Equal("Verified", await page.Locator("#checked-outcome").GetAttributeAsync("data-verdict"));
        await player.ScreenshotAsync("09-check-done");
        // The address the page opens the exam window at (its token in the fragment, which the window drops once read), for the impostor.
        var examUrl = "";
        await page.ExposeFunctionAsync("reportExamWindow", (string url) => { examUrl = url; });
        await page.EvaluateAsync("() => { const open = window.open; window.open = (url, ...rest) => { window.reportExamWindow(new URL(url, location.href).href); return open.call(window, url, ...rest); }; }");
        var examWindow = await context.RunAndWaitForPageAsync(() => page.Locator("#continue-button").ClickAsync());
        // Polled, not awaited as a navigation event: the form post may land before a waiter is registered (seen once under load).
        await Assertions.Expect(page).ToHaveURLAsync(lms.BaseAddress + "start-assessment", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#lms-exam")).ToHaveTextAsync("The exam has started.");
        await player.ScreenshotAsync("10-lms-exam-started");
        Assert.Empty(cspViolations);
        Assert.Empty(lms.Refused);

        // What the LMS received: LtiStartAssessment signed by a key of the tool's JWKS, echoing the launch, vouching for the learner.
        var message = await lms.VerifyStartAssessmentAsync(Assert.Single(lms.StartAssessments));
        Assert.Equal("LtiStartAssessment", message.GetPayloadValue<string>("https://purl.imsglobal.org/spec/lti/claim/message_type"));
        Assert.Equal("1.3.0", message.GetPayloadValue<string>("https://purl.imsglobal.org/spec/lti/claim/version"));
        Assert.Equal(BrowserLms.SessionData, message.GetPayloadValue<string>("https://purl.imsglobal.org/spec/lti-ap/claim/session_data"));
        Assert.Equal(1, message.GetPayloadValue<int>("https://purl.imsglobal.org/spec/lti-ap/claim/attempt_number"));
        Assert.Equal(BrowserLms.DeploymentId, message.GetPayloadValue<string>("https://purl.imsglobal.org/spec/lti/claim/deployment_id"));
        Assert.Equal(BrowserLms.ResourceLink, message.GetPayloadValue<JsonElement>("https://purl.imsglobal.org/spec/lti/claim/resource_link").GetProperty("id").GetString());
        var verified = message.GetPayloadValue<JsonElement>("https://purl.imsglobal.org/spec/lti-ap/claim/verified_user");
        Assert.Equal("Ada", verified.GetProperty("given_name").GetString());
        Assert.False(verified.TryGetProperty("iss", out _));
        Assert.False(verified.TryGetProperty("sub", out _));
        output.WriteLine($"launch to LtiStartAssessment in the browser: {watch.Elapsed.TotalSeconds:F1} s");

        // The exam's proctoring window opened beside the LMS with the learner on camera; another person takes it over.
        Assert.Contains("/player/lti.html#exam=", examUrl, StringComparison.Ordinal);
        await examWindow.WaitForFunctionAsync("() => Number(document.getElementById('session-status').dataset.framesChecked ?? 0) >= 2", null, new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(examWindow, Scenario, "11-exam-window-learner", "lti");
        await examWindow.CloseAsync();
        var impostor = await (await fixture.BrowserWithCameraAsync(Impostor, Photos(lfw, Impostor, 0, 5))).NewContextAsync(new() { ViewportSize = new() { Width = 520, Height = 760 } });
        impostor.SetDefaultTimeout(90_000);
        var takeover = await impostor.NewPageAsync();
        await TakeOverAsync(takeover, examUrl);
        await TypeCheckAsync(takeover);
        await takeover.Locator("#exam-running").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await takeover.WaitForFunctionAsync("() => Number(document.getElementById('session-status').dataset.framesChecked ?? 0) >= 4", null, new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(takeover, Scenario, "12-exam-window-impostor", "lti");
        await takeover.GetByRole(AriaRole.Button, new() { Name = "I have submitted my exam" }).ClickAsync();
        await takeover.Locator("#screen-outcome").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        await Screenshots.SaveAsync(takeover, Scenario, "13-exam-outcome", "lti");
        Assert.Equal("NeedsReview", await takeover.Locator("#outcome").GetAttributeAsync("data-verdict"));
        Assert.Contains("FaceMismatch", (await takeover.Locator("#outcome").GetAttributeAsync("data-flags") ?? "").Split(' '));

        // The LMS's ACS gets a flag for the attempt, with the token the tool got by client credentials.
        var acs = await AcsCallAsync(lms);
        Assert.Equal("Bearer " + PlatformServer.AccessToken, acs.Authorization);
        Assert.StartsWith("application/vnd.ims.lti-ap.v1.control+json", acs.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(acs.Body);
        Assert.Equal("flag", body.RootElement.GetProperty("action").GetString());
        Assert.Equal(lms.Issuer, body.RootElement.GetProperty("user").GetProperty("iss").GetString());
        Assert.Equal(BrowserLms.LtiUser, body.RootElement.GetProperty("user").GetProperty("sub").GetString());
        Assert.Equal(BrowserLms.ResourceLink, body.RootElement.GetProperty("resource_link").GetProperty("id").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("attempt_number").GetInt32());
        var token = Assert.Single(lms.ServiceCalls, c => c.Path == "/token");
        Assert.Contains("scope=https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2Flti-ap%2Fscope%2Fcontrol.all", token.Body, StringComparison.Ordinal);
        output.WriteLine($"launch to the ACS flag: {watch.Elapsed.TotalSeconds:F1} s; ACS: {acs.Body}");
        await impostor.CloseAsync();
        await context.CloseAsync();
    }

    /// <summary>Both sides registered: the LMS read the tool's values at start; the service's admin records the LMS.</summary>
    private async Task RegisterAsync(BrowserLms lms)
    {
        var partnerId = Guid.CreateVersion7();
        await SendAsync(new CreatePartner(partnerId, "LMS University"));
        var admin = (await SendAsync(new CreateStaffMember($"{Guid.NewGuid():N}@example.org", "LTI Admin", StaffRoles.Admin, "test"))).Created!;
        using var client = fixture.CreateClient();
        using var signIn = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = admin.Email, password = admin.OneTimePassword, newPassword = "a long staff passphrase" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/partners/{partnerId}/lti-platform")
        {
            Content = JsonContent.Create(new
            {
                issuer = lms.Issuer,
                clientId = BrowserLms.ClientId,
                deploymentIds = new[] { BrowserLms.DeploymentId },
                authorizationEndpoint = lms.AuthorizationEndpoint,
                tokenEndpoint = lms.TokenEndpoint,
                jwksUrl = lms.JwksUrl,
            }),
        };
        request.Headers.Add("Cookie", signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        using var registered = await client.SendAsync(request, Cancel);
        Assert.True(registered.StatusCode == HttpStatusCode.OK, await registered.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>The pledge, typed until the session takes the sample (as <see cref="PlayerPage.StartAssessmentAsync"/> does).</summary>
    private static async Task TypeCheckAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => document.getElementById('check-phrase').textContent.length > 0 && !document.getElementById('screen-assessment').hidden");
        var phrase = await page.Locator("#check-phrase").InnerTextAsync();
        for (var attempt = 0; attempt < 3 && await page.Locator("#typing-check").IsVisibleAsync(); attempt++)
        {
            await page.Locator("#check-input").FocusAsync();
            await new Typist(TypistSeed).TypeAsync(page, phrase);
            await page.WaitForFunctionAsync("() => !document.getElementById('check-input').disabled");
        }

        await Assertions.Expect(page.Locator("#typing-check")).ToBeHiddenAsync();
    }

    /// <summary>Opens the exam window's address in another browser; retried while the server still holds the closed window's connection.</summary>
    private static async Task TakeOverAsync(IPage page, string examUrl)
    {
        for (var attempt = 0; ; attempt++)
        {
            // From a blank page each time: the address differs from the page's own only by its fragment, which would not reload it.
            await page.GotoAsync("about:blank");
            await page.GotoAsync(examUrl);
            // Started (the session's pledge is shown) or refused (the page says why).
            await page.WaitForFunctionAsync("() => document.getElementById('check-phrase').textContent.length > 0 || document.getElementById('launch-error').textContent.length > 0");
            var error = await page.Locator("#launch-error").InnerTextAsync();
            if (error.Length == 0)
            {
                return;
            }

            Assert.True(attempt < 5 && error.Contains("session_in_use", StringComparison.Ordinal), error);
            await Task.Delay(1000, Cancel);
        }
    }

    private static async Task<PlatformCall> AcsCallAsync(BrowserLms lms)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (lms.ServiceCalls.FirstOrDefault(c => c.Path == "/acs") is { } call)
            {
                return call;
            }

            await Task.Delay(250, Cancel);
        }

        throw new TimeoutException("The LMS received no ACS call within 60 s.");
    }

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, Cancel);
    }

    private static string[] Photos(string lfw, string person, int skip, int take) =>
        [.. Directory.GetFiles(Path.Combine(lfw, person), "*.jpg").Order(StringComparer.Ordinal).Skip(skip).Take(take)];
}
