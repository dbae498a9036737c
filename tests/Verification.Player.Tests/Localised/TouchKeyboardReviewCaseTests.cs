using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Player.Tests.Support;
using Verification.Testing;

namespace Verification.Player.Tests.Localised;

/// <summary>
/// A learner who enrolled typing on a laptop sits the assessment on a phone (Playwright's Pixel 5: touch, mobile
/// viewport) whose keyboard gives no key timings: the session goes on on the face and, lacking the typing check the
/// profile asks for, goes to a reviewer, whose case page in the reviewer console says why typing is missing.
/// Screenshots: <c>$VERIFICATION_TEST_RESULTS/l10n/touch-review-*</c> (learner) and <c>reviewer/</c> (case).
/// </summary>
public sealed class TouchKeyboardReviewCaseTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    private const int TypistSeed = 31;

    [Fact]
    public async Task A_session_typed_on_a_touch_keyboard_by_a_learner_who_enrolled_typing_reaches_a_reviewer_whose_case_page_says_typing_was_not_available()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        var photos = Directory.GetFiles(Path.Combine(lfw, LocalisedScenario.Face), "*.jpg").Order(StringComparer.Ordinal).ToArray();
        var camera = await fixture.BrowserWithCameraAsync(LocalisedScenario.Face, photos[..5]);
        var laptop = await PlayerPage.OpenAsync(camera, fixture.Address, "touch-review-laptop-enrollment");
        await laptop.SignInAsync();
        await laptop.AcceptConsentAsync();
        await laptop.CaptureFaceAsync();
        await laptop.UploadIdPhotoAsync(photos[13]);
        await laptop.TypeEnrollmentSamplesAsync(new Typist(TypistSeed));
        await laptop.Page.Context.CloseAsync();

        var phone = await LocalisedPlayerPage.OpenAsync(camera, fixture.Address, "touch-review-phone", "en-US", "en", device: fixture.Device("Pixel 5"));
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => navigator.maxTouchPoints > 0"), "the phone has no touch screen");
        await phone.Page.WaitForFunctionAsync("() => document.getElementById('language-select').options.length > 0");
        await phone.SignInAsync();
        await Assertions.Expect(phone.Page.Locator("#screen-ready")).ToBeVisibleAsync();
        var phrase = await phone.OpenAssessmentAsync();
        await phone.TypeCheckAsync(new TouchKeyboardTypist(keyEvents: false), phrase);
        await phone.WaitForCheckedFramesAsync(4);
        var (verdict, flags, _) = await phone.SubmitAsync();
        await phone.Page.Context.CloseAsync();

        var reviewer = await ReviewerAsync();
        var browser = await fixture.BrowserWithoutCameraAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = fixture.Address.ToString(), ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await SignInAsync(page, reviewer);
        var row = page.Locator("#queue tbody tr").Filter(new() { HasText = "InsufficientEvidence" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#case-section")).ToBeVisibleAsync();
        var unavailable = page.Locator("#typing-unavailable");
        await Assertions.Expect(unavailable).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "touch keyboard case");
        await Screenshots.SaveAsync(page, "touch-keyboard-case", "case", "reviewer");
        var summary = await page.Locator("#case-summary").InnerTextAsync();
        var checks = await page.Locator("#typing-checks tbody").InnerTextAsync();
        var flagRows = await page.Locator("#flags tbody").InnerTextAsync();
        var weak = await page.Locator("#weak-typing").InnerTextAsync();

        Assert.Equal(("NeedsReview", "InsufficientEvidence"), (verdict, flags));
        Assert.Equal("Typing not available: touch keyboard. The verdict rests on the face evidence alone.", await unavailable.InnerTextAsync());
        Assert.Contains("assessment quiz-1", summary, StringComparison.Ordinal);
        Assert.Contains("no (touch_keyboard)", checks, StringComparison.Ordinal);
        Assert.Contains("InsufficientEvidence", flagRows, StringComparison.Ordinal);
        // No typing was scored, so there is no weak typing evidence to show: the "Not a flag" line stays empty.
        Assert.Equal("", weak.Trim());
        Assert.Empty(scriptErrors);
        Assert.True(File.Exists(Path.Combine(Screenshots.FolderFor("reviewer"), "touch-keyboard-case", "case.png")));
    }

    private async Task<StaffMemberCreated> ReviewerAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new CreateStaffMember($"{Guid.CreateVersion7():N}@example.org", "Touch Case Reviewer", StaffRoles.Reviewer, "test"), TestContext.Current.CancellationToken);
        return created.Created!;
    }

    /// <summary>The console's first sign-in: the one-time password, then a passphrase of the reviewer's own.</summary>
    private static async Task SignInAsync(IPage page, StaffMemberCreated reviewer)
    {
        await page.GotoAsync("/reviewer/");
        await page.FillAsync("#sign-in-email", reviewer.Email);
        await page.FillAsync("#sign-in-password", reviewer.OneTimePassword);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-new-password")).ToBeVisibleAsync();
        await page.FillAsync("#sign-in-password", reviewer.OneTimePassword);
        await page.FillAsync("#sign-in-new-password", "the touch case reviewer's passphrase");
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#queue-section")).ToBeVisibleAsync();
    }
}
