using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Player.Tests.Support;
using Verification.Proctoring.Contracts;
using Verification.Testing;

namespace Verification.Player.Tests;

/// <summary>
/// The reviewer console in headless Chromium on a real flagged session: the demo learner enrolls as Tony Blair, someone
/// else sits the assessment (frames through the hub), the course platform completes the course (the certificate is
/// held while the case is open), and the demo reviewer decides the case on its evidence; the rejection reaches
/// Certificates (revoked on the public page) and the identity status through the outbox. Screenshots go to
/// <c>$VERIFICATION_TEST_RESULTS/reviewer/</c>.
/// </summary>
public sealed class ReviewerConsoleTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    private const string Learner = "Tony_Blair";
    private const string Impostor = "Jennifer_Capriati";
    private const string ReviewerEmail = "reviewer@example.org";
    private const int TypistSeed = 11;
    private const string SecondReviewerPassphrase = "a second reviewer's passphrase";

    // The demo seed's learner and course (src/Verification.Host/Demo/DemoSeeder.cs).
    private static readonly Guid DemoPartnerId = new("01935f00-0000-7000-8000-000000000001");
    private static readonly Guid DemoLearnerId = new("01935f00-0000-7000-8000-000000000004");
    private static readonly Guid DemoCourseId = new("01935f00-0000-7000-8000-000000000002");

    private static readonly string ScreenshotFolder = Path.Combine(
        Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(AppContext.BaseDirectory, "test-results"), "reviewer");

    [Fact]
    public async Task A_reviewer_signs_in_with_the_one_time_password_sees_the_evidence_of_a_flagged_session_rejects_it_with_a_note_and_the_certificate_is_revoked()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        await FlaggedAssessmentAsync(lfw);
        using var platform = await PlatformAsync();
        await CompleteCourseAsync(platform);
        var held = Assert.Single(await AskAsync(new ListLearnerCertificates(DemoLearnerId)));
        var heldStatus = await IdentityStatusAsync(platform);
        var oneTime = await SendAsync(new IssueStaffPassword(ReviewerEmail, "test"));
        var other = (await SendAsync(new CreateStaffMember($"{Guid.CreateVersion7():N}@example.org", "Second Reviewer", StaffRoles.Reviewer, "test"))).Created!;
        var browser = await fixture.BrowserWithoutCameraAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = fixture.Address.ToString(), ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync("/reviewer/");
        await Assertions.Expect(page.Locator("#sign-in-section")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "reviewer sign-in");
        await page.FillAsync("#sign-in-email", ReviewerEmail);
        await page.FillAsync("#sign-in-password", oneTime!);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-new-password")).ToBeVisibleAsync();
        await page.FillAsync("#sign-in-password", oneTime!);
        await page.FillAsync("#sign-in-new-password", "the demo reviewer's passphrase");
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#queue-section")).ToBeVisibleAsync();
        var row = page.Locator("#queue tbody tr").Filter(new() { HasText = "quiz-2" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("FaceMismatch");
        await Assertions.Expect(page.Locator("#counts")).ToContainTextAsync(new Regex("Open [1-9]"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "queue");
        await Save(page, "01-queue");

        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#case-section")).ToBeVisibleAsync();
        var pictures = page.Locator("#pictures img");
        await Assertions.Expect(pictures.First).ToHaveAttributeAsync("alt", "ID photo from enrollment");
        await Assertions.Expect(page.Locator("#pictures img[alt^='Enrollment face']")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#pictures img[alt^='Flagged frame']").First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#pictures img')].every(i => i.complete && i.naturalWidth > 0)");
        await Assertions.Expect(page.Locator("#timeline svg polyline").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#flags tbody")).ToContainTextAsync("FaceMismatch");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "case");
        await Save(page, "02-case");
        await page.Locator("#timeline").ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "03-timeline.png") });

        var caseId = (await page.Locator("#case-summary").InnerTextAsync()).Split(' ')[1].TrimEnd(':');
        var secondClaim = await SecondReviewerClaimsAsync(browser, other, caseId);

        await page.Locator("body").PressAsync("r");
        await Assertions.Expect(page.Locator("#decision input[value=rejected]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#note")).ToBeFocusedAsync();
        await page.ClickAsync("#decision button[type=submit]");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("note is required");
        var noteless = await context.APIRequest.PostAsync($"/api/v1/review-cases/{caseId}/decision", new() { DataObject = new { decision = "rejected", note = "" } });
        await page.FillAsync("#note", "Another person than the ID photo in every flagged frame.");
        await page.ClickAsync("#decision button[type=submit]");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("rejected");
        await Assertions.Expect(page.Locator("#queue tbody tr").Filter(new() { HasText = "quiz-2" })).ToHaveCountAsync(0);
        var status = await AskAsync(new IsIdentityVerified(DemoLearnerId, DemoCourseId));
        var rejectedStatus = await IdentityStatusAsync(platform);
        var revoked = Assert.Single(await AskAsync(new ListLearnerCertificates(DemoLearnerId)));
        var publicPage = await context.NewPageAsync();
        await publicPage.GotoAsync($"/verify/{held.VerificationCode}");
        await Assertions.Expect(publicPage.Locator("body")).ToContainTextAsync("Revoked on");
        await Save(publicPage, "04-certificate-revoked");
        await publicPage.CloseAsync();
        var appealed = await AppealReachesAnotherReviewerWhoEscalatesItToTheSeniorQueueAsync(browser, context, platform, other, caseId);
        await page.ClickAsync("#sign-out");
        await Assertions.Expect(page.Locator("#sign-in-section")).ToBeVisibleAsync();
        var afterSignOut = await context.APIRequest.GetAsync("/api/v1/review-cases");

        Assert.Equal(409, secondClaim);
        Assert.Equal(400, noteless.Status);
        Assert.Equal(IdentityStatus.Rejected, status.Status);
        Assert.Equal(("Held", "PendingReview"), (held.Status, heldStatus));
        Assert.Equal("Rejected", rejectedStatus);
        Assert.Equal(("Revoked", held.CertificateId, held.VerificationCode), (revoked.Status, revoked.CertificateId, revoked.VerificationCode));
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(401, afterSignOut.Status);
        Assert.Equal((202, 403, 403), appealed);
        Assert.Empty(scriptErrors);
        Assert.True(File.Exists(Path.Combine(ScreenshotFolder, "03-timeline.png")));
    }

    [Fact]
    public async Task The_root_page_links_the_player_the_reviewer_console_and_the_API_reference()
    {
        await fixture.StartAsync();
        var browser = await fixture.BrowserWithoutCameraAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = fixture.Address.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        Assert.Equal("/player/", await page.GetByRole(AriaRole.Link, new() { Name = "Course player demo" }).GetAttributeAsync("href"));
        Assert.Equal("/reviewer/", await page.GetByRole(AriaRole.Link, new() { Name = "Reviewer console" }).GetAttributeAsync("href"));
        Assert.Equal("/scalar/v1", await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).GetAttributeAsync("href"));
    }

    /// <summary>The demo learner enrolls with their own face, then another person sits quiz-2: a NeedsReview session with face mismatch.</summary>
    private async Task FlaggedAssessmentAsync(string lfw)
    {
        var learnerCamera = await fixture.BrowserWithCameraAsync(Learner, Photos(lfw, Learner, 0, 5));
        var enrollment = await PlayerPage.OpenAsync(learnerCamera, fixture.Address, "reviewer-enrollment");
        await enrollment.SignInAsync();
        await enrollment.AcceptConsentAsync();
        await enrollment.CaptureFaceAsync();
        await enrollment.UploadIdPhotoAsync(Photos(lfw, Learner, 13, 1)[0]);
        await enrollment.TypeEnrollmentSamplesAsync(new Typist(TypistSeed));
        await enrollment.Page.Context.CloseAsync();

        var impostor = await fixture.BrowserWithCameraAsync(Impostor, Photos(lfw, Impostor, 0, 5));
        var player = await PlayerPage.OpenAsync(impostor, fixture.Address, "reviewer-needs-review", "quiz-2");
        await player.SignInAsync();
        await player.Page.Locator("#screen-ready").WaitForAsync();
        await player.StartAssessmentAsync(new Typist(TypistSeed));
        await player.WaitForCheckedFramesAsync(4);
        var (verdict, _, _) = await player.SubmitAsync("10-outcome-needs-review");
        await player.Page.Context.CloseAsync();
        Assert.Equal("NeedsReview", verdict);
    }

    /// <summary>The course platform's HTTP client, with a key of the demo partner as a platform holds one.</summary>
    private async Task<HttpClient> PlatformAsync()
    {
        var key = (await SendAsync(new CreateApiKey(DemoPartnerId, ApiScopes.All, "Reviewer test platform", "test"))).Created!.Key;
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The platform reports every graded item of the demo course passed: the course completes and its certificate is decided.</summary>
    private static async Task CompleteCourseAsync(HttpClient platform)
    {
        foreach (var item in new[] { "quiz-1", "quiz-2", "final" })
        {
            using var passed = await platform.PutAsJsonAsync(
                $"/api/v1/enrollment/learners/{DemoLearnerId}/courses/{DemoCourseId}/graded-items/{item}",
                new { passed = true, occurredAt = DateTimeOffset.UtcNow },
                TestContext.Current.CancellationToken);
            Assert.True(passed.IsSuccessStatusCode, $"{item}: {(int)passed.StatusCode} {await passed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
    }

    /// <summary>The identity status as an external certificate service reads it: GET /api/v1/identity/status with an API key.</summary>
    private static async Task<string?> IdentityStatusAsync(HttpClient platform)
    {
        var answer = await platform.GetFromJsonAsync<JsonElement>(
            $"/api/v1/identity/status?learnerId={DemoLearnerId}&courseId={DemoCourseId}", TestContext.Current.CancellationToken);
        return answer.GetProperty("status").GetString();
    }

    /// <summary>
    /// The learner appeals the rejection; the reviewer who rejected may not take it (403), the second reviewer finds it
    /// marked as an appeal in their own console and escalates it; it then shows in a senior reviewer's escalated queue
    /// only (the second reviewer is refused that queue). Returns (appeal, first reviewer's claim, second reviewer's
    /// escalated queue) statuses.
    /// </summary>
    private async Task<(int Appeal, int RejecterClaim, int NonSeniorEscalatedQueue)> AppealReachesAnotherReviewerWhoEscalatesItToTheSeniorQueueAsync(
        IBrowser browser, IBrowserContext rejecter, HttpClient platform, StaffMemberCreated other, string caseId)
    {
        using var minted = await platform.PostAsJsonAsync("/api/v1/tokens", new { learnerId = DemoLearnerId, courseId = DemoCourseId, purpose = "enrollment" }, TestContext.Current.CancellationToken);
        var learnerToken = (await minted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        using var appeal = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learners/{DemoLearnerId}/review-cases/{caseId}/appeal")
        {
            Content = JsonContent.Create(new { reason = "I sat the quiz myself; my sister walked past the camera." }),
        };
        appeal.Headers.Authorization = new("Bearer", learnerToken);
        using var learner = fixture.CreateClient();
        using var appealed = await learner.SendAsync(appeal, TestContext.Current.CancellationToken);
        var rejecterClaim = await rejecter.APIRequest.PostAsync($"/api/v1/review-cases/{caseId}/claim");

        await using var second = await browser.NewContextAsync(new() { BaseURL = fixture.Address.ToString(), ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await second.NewPageAsync();
        await page.GotoAsync("/reviewer/");
        await page.FillAsync("#sign-in-email", other.Email);
        await page.FillAsync("#sign-in-password", SecondReviewerPassphrase);
        await page.ClickAsync("#sign-in button[type=submit]");
        var row = page.Locator("#queue tbody tr").Filter(new() { HasText = caseId[..8] + " (appeal)" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#appeal")).ToContainTextAsync("walked past the camera");
        await page.Locator("body").PressAsync("e");
        await Assertions.Expect(page.Locator("#note")).ToBeFocusedAsync();
        await page.FillAsync("#note", "The appeal names another person in frame: a senior reviewer should decide.");
        await page.ClickAsync("#decision button[type=submit]");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("escalated");
        await Assertions.Expect(page.Locator("#queue tbody tr").Filter(new() { HasText = caseId[..8] })).ToHaveCountAsync(0);
        var nonSenior = await second.APIRequest.GetAsync("/api/v1/review-cases/escalated");

        var senior = (await SendAsync(new CreateStaffMember($"{Guid.CreateVersion7():N}@example.org", "Senior Reviewer", StaffRoles.SeniorReviewer, "test"))).Created!;
        await using var seniorContext = await browser.NewContextAsync(new() { BaseURL = fixture.Address.ToString(), ViewportSize = new() { Width = 1366, Height = 900 } });
        var seniorPage = await seniorContext.NewPageAsync();
        await seniorPage.GotoAsync("/reviewer/");
        await seniorPage.FillAsync("#sign-in-email", senior.Email);
        await seniorPage.FillAsync("#sign-in-password", senior.OneTimePassword);
        await seniorPage.ClickAsync("#sign-in button[type=submit]");
        await seniorPage.FillAsync("#sign-in-password", senior.OneTimePassword);
        await seniorPage.FillAsync("#sign-in-new-password", "a senior reviewer's passphrase");
        await seniorPage.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(seniorPage.Locator("#queue-section")).ToBeVisibleAsync();
        await Assertions.Expect(seniorPage.Locator("#queue tbody tr").Filter(new() { HasText = caseId[..8] })).ToHaveCountAsync(0);
        await seniorPage.SelectOptionAsync("#filter-status", "escalated");
        await seniorPage.ClickAsync("#filters button[type=submit]");
        await Assertions.Expect(seniorPage.Locator("#queue tbody tr").Filter(new() { HasText = caseId[..8] })).ToHaveCountAsync(1);
        await Save(seniorPage, "05-senior-queue");
        return ((int)appealed.StatusCode, rejecterClaim.Status, nonSenior.Status);
    }

    private async Task<int> SecondReviewerClaimsAsync(IBrowser browser, StaffMemberCreated other, string caseId)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = fixture.Address.ToString() });
        var signIn = await context.APIRequest.PostAsync("/api/v1/staff/sign-in", new() { DataObject = new { email = other.Email, password = other.OneTimePassword, newPassword = SecondReviewerPassphrase } });
        Assert.Equal(200, signIn.Status);
        var claim = await context.APIRequest.PostAsync($"/api/v1/review-cases/{caseId}/claim");
        return claim.Status;
    }

    private static Task Save(IPage page, string step)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        return page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, step + ".png"), FullPage = true });
    }

    private async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
    }

    private async Task<TResponse> AskAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, TestContext.Current.CancellationToken);
    }

    private static string[] Photos(string lfw, string person, int skip, int take) =>
        [.. Directory.GetFiles(Path.Combine(lfw, person), "*.jpg").Order(StringComparer.Ordinal).Skip(skip).Take(take)];
}
