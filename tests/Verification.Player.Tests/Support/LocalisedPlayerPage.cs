using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>
/// The course player in a browser of another locale (and optionally a phone with touch): every control is found by its
/// name in that language's resource file, so a missing translation fails the step; a screenshot per step under
/// <c>$VERIFICATION_TEST_RESULTS/l10n/</c>.
/// </summary>
internal sealed class LocalisedPlayerPage : PlayerPage
{
    private LocalisedPlayerPage(IPage page, string scenario, IReadOnlyDictionary<string, string> texts, bool phone)
        : base(page, scenario, texts, phone, Folder)
    {
    }

    public static async Task<LocalisedPlayerPage> OpenAsync(
        IBrowser browser, Uri host, string scenario, string locale, string language, bool phone = false, BrowserNewContextOptions? device = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = host.ToString(), Locale = locale, ViewportSize = new() { Width = 1000, Height = 900 } };
        if (device is not null)
        {
            options.ViewportSize = device.ViewportSize;
            options.ScreenSize = device.ScreenSize;
            options.UserAgent = device.UserAgent;
            options.DeviceScaleFactor = device.DeviceScaleFactor;
            options.IsMobile = device.IsMobile;
            options.HasTouch = device.HasTouch;
            phone = true;
        }
        else if (phone)
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
        return new LocalisedPlayerPage(page, scenario, await TextsAsync(language), phone);
    }

    public async Task SignInAndConsentAsync()
    {
        await Page.WaitForFunctionAsync("() => document.getElementById('language-select').options.length > 0");
        await SignInAsync();
        await Visible("#screen-consent");
        await AcceptConsentAsync();
    }

    /// <summary>Chooses the keyboard (its radio button, when the page offers the choice) and types the pledge until enrolled.</summary>
    public async Task TypeEnrollmentSamplesAsync(ITypist typist, string? keyboard)
    {
        if (keyboard is not null)
        {
            var radio = Page.Locator($"#keyboard-choice input[value={keyboard}]");
            if (Phone)
            {
                await radio.TapAsync();
            }
            else
            {
                await radio.CheckAsync();
            }

            await Page.WaitForFunctionAsync($"() => document.querySelector('#keyboard-choice input[value={keyboard}]').checked");
            await Task.Delay(500);
        }

        await TypeEnrollmentSamplesAsync(typist);
    }

    public Task<(string Verdict, string Flags, string Text)> SubmitAsync() => SubmitAsync("10-outcome");

    private static string Folder { get; } = Locate();

    private static string Locate()
    {
        var results = Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS");
        var folder = Path.Combine(string.IsNullOrWhiteSpace(results) ? Path.Combine(AppContext.BaseDirectory, "test-results") : results, "l10n");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
