using System.Text.Json;
using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>
/// The course player at <c>/player/</c> (or its LTI page, whose enrollment screens are the same), step by step as a
/// learner goes through it, with a screenshot per step under <paramref name="area"/>.
/// </summary>
internal sealed class PlayerPage(IPage page, string scenario, string area = "player")
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    public IPage Page => page;

    public static async Task<PlayerPage> OpenAsync(IBrowser browser, Uri host, string scenario, string assessmentId = "quiz-1")
    {
        var context = await browser.NewContextAsync(new() { BaseURL = host.ToString(), ViewportSize = new() { Width = 1000, Height = 900 } });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/player/?assessment={assessmentId}");
        return new PlayerPage(page, scenario);
    }

    public Task ScreenshotAsync(string step) => Screenshots.SaveAsync(page, scenario, step, area);

    public Task CheckAccessibilityAsync(string screen) => Accessibility.AssertNoSeriousViolationsAsync(page, screen);

    public async Task SignInAsync()
    {
        await ScreenshotAsync("01-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as the demo learner" }).ClickAsync();
        // A learner who consented and enrolled before goes straight to the course.
        await page.WaitForFunctionAsync("() => !document.getElementById('screen-consent').hidden || !document.getElementById('screen-ready').hidden");
        await ScreenshotAsync(await page.Locator("#screen-consent").IsVisibleAsync() ? "02-consent" : "02-ready");
    }

    public async Task AcceptConsentAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "I accept" }).ClickAsync();

    public async Task DeclineConsentAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "No, show me the alternatives" }).ClickAsync();

    public async Task<string> AlternativesReasonAsync()
    {
        await Visible("#screen-alternatives");
        return await page.Locator("#alternatives-reason").InnerTextAsync();
    }

    /// <summary>Takes photos until the page moves on to the ID step; returns how many the server refused on the way.</summary>
    public async Task<int> CaptureFaceAsync()
    {
        await Visible("#screen-face");
        await ScreenshotAsync("03-face-preview");
        var refused = 0;
        for (var attempt = 0; attempt < 12 && !await page.Locator("#screen-id").IsVisibleAsync(); attempt++)
        {
            var before = await page.Locator("#face-progress").InnerTextAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Take a photo" }).ClickAsync();
            await page.WaitForFunctionAsync("() => !document.getElementById('face-capture').disabled || !document.getElementById('screen-id').hidden");
            if (await page.Locator("#face-guidance.bad").CountAsync() > 0)
            {
                refused++;
                await ScreenshotAsync($"03-face-refused-{refused}");
            }
            else if (before != await page.Locator("#face-progress").InnerTextAsync())
            {
                await ScreenshotAsync($"04-face-{(await page.Locator("#face-progress").InnerTextAsync()).TrimEnd('.')}".Replace(' ', '-'));
            }

            await Task.Delay(1100);
        }

        await Visible("#screen-id");
        return refused;
    }

    public async Task UploadIdPhotoAsync(string photo)
    {
        await ScreenshotAsync("05-id");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("label[for=id-file]").ClickAsync());
        await chooser.SetFilesAsync(photo);
        await Visible("#screen-typing");
    }

    public async Task TypeEnrollmentSamplesAsync(Typist typist)
    {
        var phrase = await page.Locator("#typing-phrase").InnerTextAsync();
        await ScreenshotAsync("06-typing");
        for (var attempt = 0; attempt < 16 && await page.Locator("#screen-typing").IsVisibleAsync(); attempt++)
        {
            await page.Locator("#typing-input").FocusAsync();
            await typist.TypeAsync(page, phrase);
            await page.WaitForFunctionAsync("() => !document.getElementById('typing-input').disabled || document.getElementById('screen-typing').hidden");
        }

        await Visible("#screen-ready");
        await ScreenshotAsync("07-enrolled");
    }

    public async Task StartAssessmentAsync(Typist typist)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the graded assessment" }).ClickAsync();
        await Visible("#screen-assessment");
        await page.WaitForFunctionAsync("() => document.getElementById('check-phrase').textContent.length > 0");
        await ScreenshotAsync("08-assessment-typing-check");
        var phrase = await page.Locator("#check-phrase").InnerTextAsync();
        for (var attempt = 0; attempt < 3 && await page.Locator("#typing-check").IsVisibleAsync(); attempt++)
        {
            await page.Locator("#check-input").FocusAsync();
            await typist.TypeAsync(page, phrase);
            await page.WaitForFunctionAsync("() => !document.getElementById('check-input').disabled");
        }

        await Visible("#quiz");
        await ScreenshotAsync("09-assessment");
    }

    public async Task WaitForCheckedFramesAsync(int frames) =>
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('session-status').dataset.framesChecked ?? 0) >= {frames}");

    public async Task<(string Verdict, string Flags, string Text)> SubmitAsync(string step)
    {
        await page.GetByLabel("An essay I wrote myself").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
        await Visible("#screen-outcome");
        await ScreenshotAsync(step);
        var outcome = page.Locator("#outcome");
        return (await outcome.GetAttributeAsync("data-verdict") ?? "", await outcome.GetAttributeAsync("data-flags") ?? "", await outcome.InnerTextAsync());
    }

    /// <summary>Exports through the privacy panel and returns what the download link holds.</summary>
    public async Task<JsonElement> ExportAsync()
    {
        await page.GetByText("Your privacy: what we capture and why").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Export my data" }).ClickAsync();
        await Visible("#privacy-download");
        await CheckAccessibilityAsync("privacy");
        // Downloaded as the learner would: the page's CSP (connect-src 'self') keeps script from fetching the blob URL.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#privacy-download").ClickAsync());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        return json.RootElement.Clone();
    }

    private Task Visible(string selector) => page.Locator(selector).WaitForAsync(new() { State = WaitForSelectorState.Visible });
}
