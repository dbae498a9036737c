using System.Text.Json;
using Microsoft.Playwright;
using Verification.Testing;

namespace Verification.Player.Tests.Support;

/// <summary>
/// The course player in a browser of another locale (and optionally a phone with touch): every control is found by its
/// name in that language's resource file, so a missing translation fails the step; a screenshot per step under
/// <c>$VERIFICATION_TEST_RESULTS/l10n/</c>.
/// </summary>
internal sealed class LocalisedPlayerPage(IPage page, string scenario, IReadOnlyDictionary<string, string> texts, bool phone)
{
    public IPage Page => page;

    public string Text(string key) => texts[key];

    public static async Task<LocalisedPlayerPage> OpenAsync(IBrowser browser, Uri host, string scenario, string locale, string language, bool phone = false)
    {
        var options = new BrowserNewContextOptions { BaseURL = host.ToString(), Locale = locale, ViewportSize = new() { Width = 1000, Height = 900 } };
        if (phone)
        {
            options.ViewportSize = new() { Width = 390, Height = 844 };
            options.DeviceScaleFactor = 2;
            options.IsMobile = true;
            options.HasTouch = true;
        }

        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/player/");
        var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(
            Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "wwwroot", "player", "locales", language + ".json")))!;
        return new LocalisedPlayerPage(page, scenario, texts, phone);
    }

    public Task ScreenshotAsync(string step) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder, scenario, step + ".png"), FullPage = true });

    public Task CheckAccessibilityAsync(string screen) => Accessibility.AssertNoSeriousViolationsAsync(page, screen);

    public async Task PressAsync(string key)
    {
        var button = page.GetByRole(AriaRole.Button, new() { Name = texts[key], Exact = true });
        if (phone)
        {
            await button.TapAsync();
        }
        else
        {
            await button.ClickAsync();
        }
    }

    public async Task SignInAndConsentAsync()
    {
        await page.WaitForFunctionAsync("() => document.getElementById('language-select').options.length > 0");
        await ScreenshotAsync("01-sign-in");
        await PressAsync("signin.button");
        await Visible("#screen-consent");
        await ScreenshotAsync("02-consent");
        await PressAsync("consent.accept");
    }

    public async Task CaptureFaceAsync()
    {
        await Visible("#screen-face");
        await ScreenshotAsync("03-face");
        for (var attempt = 0; attempt < 12 && !await page.Locator("#screen-id").IsVisibleAsync(); attempt++)
        {
            await PressAsync("face.capture");
            await page.WaitForFunctionAsync("() => !document.getElementById('face-capture').disabled || !document.getElementById('screen-id').hidden");
            await Task.Delay(1100);
        }

        await Visible("#screen-id");
    }

    public async Task UploadIdPhotoAsync(string photo)
    {
        await ScreenshotAsync("04-id");
        await page.Locator("#id-file").SetInputFilesAsync(photo);
        await Visible("#screen-typing");
    }

    /// <summary>Chooses the keyboard (its radio button, when the page offers the choice) and types the pledge until enrolled.</summary>
    public async Task TypeEnrollmentSamplesAsync(LayoutTypist typist, string? keyboard)
    {
        if (keyboard is not null)
        {
            var radio = page.Locator($"#keyboard-choice input[value={keyboard}]");
            if (phone)
            {
                await radio.TapAsync();
            }
            else
            {
                await radio.CheckAsync();
            }

            await page.WaitForFunctionAsync($"() => document.querySelector('#keyboard-choice input[value={keyboard}]').checked");
            await Task.Delay(500);
        }

        var phrase = await page.Locator("#typing-phrase").InnerTextAsync();
        await ScreenshotAsync("05-typing");
        for (var attempt = 0; attempt < 16 && await page.Locator("#screen-typing").IsVisibleAsync(); attempt++)
        {
            await page.Locator("#typing-input").FocusAsync();
            await typist.TypeAsync(page, phrase);
            await page.WaitForFunctionAsync("() => !document.getElementById('typing-input').disabled || document.getElementById('screen-typing').hidden");
        }

        await Visible("#screen-ready");
        await ScreenshotAsync("06-enrolled");
    }

    public async Task<string> StartAssessmentAsync()
    {
        await PressAsync("ready.start");
        await Visible("#screen-assessment");
        await page.WaitForFunctionAsync("() => document.getElementById('check-phrase').textContent.length > 0");
        await ScreenshotAsync("07-typing-check");
        return await page.Locator("#check-phrase").InnerTextAsync();
    }

    public async Task TypeCheckAsync(LayoutTypist typist, string phrase)
    {
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

    public async Task<(string Verdict, string Flags, string Text)> SubmitAsync()
    {
        var answer = page.GetByLabel(texts["quiz.a"]);
        if (phone)
        {
            await answer.TapAsync();
        }
        else
        {
            await answer.CheckAsync();
        }

        await PressAsync("quiz.submit");
        await Visible("#screen-outcome");
        await ScreenshotAsync("10-outcome");
        var outcome = page.Locator("#outcome");
        return (await outcome.GetAttributeAsync("data-verdict") ?? "", await outcome.GetAttributeAsync("data-flags") ?? "", await outcome.InnerTextAsync());
    }

    public Task Visible(string selector) => page.Locator(selector).WaitForAsync(new() { State = WaitForSelectorState.Visible });

    private static string Folder { get; } = Locate();

    private static string Locate()
    {
        var results = Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS");
        var folder = Path.Combine(string.IsNullOrWhiteSpace(results) ? Path.Combine(AppContext.BaseDirectory, "test-results") : results, "l10n");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
