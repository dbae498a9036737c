using System.Text.Json;
using Microsoft.Playwright;
using Verification.Testing;

namespace Verification.Player.Tests.Support;

/// <summary>
/// The course player at <c>/player/</c> (or its LTI page, whose enrollment screens are the same), step by step as a
/// learner goes through it, with a screenshot per step. Controls
/// are found by their names in the page's resource file (English here; <see cref="LocalisedPlayerPage"/> another
/// language), and on a phone they are tapped.
/// </summary>
internal class PlayerPage
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);
    private readonly string _scenario;
    private readonly IReadOnlyDictionary<string, string> _texts;
    private readonly string _screenshots;

    protected PlayerPage(IPage page, string scenario, IReadOnlyDictionary<string, string> texts, bool phone, string screenshots)
    {
        Page = page;
        _scenario = scenario;
        _texts = texts;
        Phone = phone;
        _screenshots = screenshots;
    }

    public IPage Page { get; }

    protected bool Phone { get; }

    public string Text(string key) => _texts[key];

    public static async Task<PlayerPage> OpenAsync(IBrowser browser, Uri host, string scenario, string assessmentId = "quiz-1")
    {
        var context = await browser.NewContextAsync(new() { BaseURL = host.ToString(), ViewportSize = new() { Width = 1000, Height = 900 } });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/player/?assessment={assessmentId}");
        return new PlayerPage(page, scenario, await TextsAsync("en"), phone: false, Screenshots.Folder);
    }

    /// <summary>A page already open (the LTI page the platform's launch led to), its screenshots under another area.</summary>
    public static async Task<PlayerPage> OnAsync(IPage page, string scenario, string area) =>
        new(page, scenario, await TextsAsync("en"), phone: false, Screenshots.FolderFor(area));

    /// <summary>The page's resource file for a language, as the page itself loads it.</summary>
    protected static async Task<IReadOnlyDictionary<string, string>> TextsAsync(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(
            Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "wwwroot", "player", "locales", language + ".json")))!;

    public Task ScreenshotAsync(string step) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, _scenario, step + ".png"), FullPage = true });

    public Task CheckAccessibilityAsync(string screen) => Accessibility.AssertNoSeriousViolationsAsync(Page, screen);

    /// <summary>Clicks (taps, on a phone) the button named by a resource key.</summary>
    public Task PressAsync(string key) => ActivateAsync(Page.GetByRole(AriaRole.Button, new() { Name = _texts[key], Exact = true }));

    public async Task SignInAsync()
    {
        await ScreenshotAsync("01-sign-in");
        await PressAsync("signin.button");
        // A learner who consented and enrolled before goes straight to the course.
        await Page.WaitForFunctionAsync("() => !document.getElementById('screen-consent').hidden || !document.getElementById('screen-ready').hidden");
        await ScreenshotAsync(await Page.Locator("#screen-consent").IsVisibleAsync() ? "02-consent" : "02-ready");
    }

    public Task AcceptConsentAsync() => PressAsync("consent.accept");

    public Task DeclineConsentAsync() => PressAsync("consent.decline");

    public async Task<string> AlternativesReasonAsync()
    {
        await Visible("#screen-alternatives");
        return await Page.Locator("#alternatives-reason").InnerTextAsync();
    }

    /// <summary>Takes photos until the page moves on to the ID step; returns how many the server refused on the way.</summary>
    public async Task<int> CaptureFaceAsync()
    {
        await Visible("#screen-face");
        await ScreenshotAsync("03-face-preview");
        var refused = 0;
        for (var attempt = 0; attempt < 12 && !await Page.Locator("#screen-id").IsVisibleAsync(); attempt++)
        {
            var before = await Page.Locator("#face-progress").InnerTextAsync();
            await PressAsync("face.capture");
            await Page.WaitForFunctionAsync("() => !document.getElementById('face-capture').disabled || !document.getElementById('screen-id').hidden");
            if (await Page.Locator("#face-guidance.bad").CountAsync() > 0)
            {
                refused++;
                await ScreenshotAsync($"03-face-refused-{refused}");
            }
            else if (before != await Page.Locator("#face-progress").InnerTextAsync())
            {
                // Named after the progress text, in any language, with anything but letters and digits (a '/' too) as '-'.
                var progress = string.Concat((await Page.Locator("#face-progress").InnerTextAsync()).Select(c => char.IsLetterOrDigit(c) ? c : '-'));
                await ScreenshotAsync($"04-face-{progress.Trim('-')}");
            }

            await Task.Delay(1100);
        }

        await Visible("#screen-id");
        return refused;
    }

    public async Task UploadIdPhotoAsync(string photo)
    {
        await ScreenshotAsync("05-id");
        if (Phone)
        {
            // A phone's file picker offers the camera or the gallery; the test hands the file to the input directly.
            await Page.Locator("#id-file").SetInputFilesAsync(photo);
        }
        else
        {
            var chooser = await Page.RunAndWaitForFileChooserAsync(() => Page.Locator("label[for=id-file]").ClickAsync());
            await chooser.SetFilesAsync(photo);
        }

        await Visible("#screen-typing");
    }

    public async Task TypeEnrollmentSamplesAsync(ITypist typist)
    {
        var phrase = await Page.Locator("#typing-phrase").InnerTextAsync();
        await ScreenshotAsync("06-typing");
        for (var attempt = 0; attempt < 16 && await Page.Locator("#screen-typing").IsVisibleAsync(); attempt++)
        {
            await Page.Locator("#typing-input").FocusAsync();
            await typist.TypeAsync(Page, phrase);
            await Page.WaitForFunctionAsync("() => !document.getElementById('typing-input').disabled || document.getElementById('screen-typing').hidden");
        }

        await Visible("#screen-ready");
        await ScreenshotAsync("07-enrolled");
    }

    public async Task StartAssessmentAsync(ITypist typist) => await TypeCheckAsync(typist, await OpenAssessmentAsync());

    /// <summary>Starts the assessment and returns the pledge its first typing check asks for.</summary>
    public async Task<string> OpenAssessmentAsync()
    {
        await PressAsync("ready.start");
        await Visible("#screen-assessment");
        await Page.WaitForFunctionAsync("() => document.getElementById('check-phrase').textContent.length > 0");
        await ScreenshotAsync("08-assessment-typing-check");
        return await Page.Locator("#check-phrase").InnerTextAsync();
    }

    public async Task TypeCheckAsync(ITypist typist, string phrase)
    {
        for (var attempt = 0; attempt < 3 && await Page.Locator("#typing-check").IsVisibleAsync(); attempt++)
        {
            await Page.Locator("#check-input").FocusAsync();
            await typist.TypeAsync(Page, phrase);
            await Page.WaitForFunctionAsync("() => !document.getElementById('check-input').disabled");
        }

        await Visible("#quiz");
        await ScreenshotAsync("09-assessment");
    }

    public async Task WaitForCheckedFramesAsync(int frames) =>
        await Page.WaitForFunctionAsync($"() => Number(document.getElementById('session-status').dataset.framesChecked ?? 0) >= {frames}");

    public async Task<(string Verdict, string Flags, string Text)> SubmitAsync(string step)
    {
        var answer = Page.GetByLabel(_texts["quiz.a"]);
        if (Phone)
        {
            await answer.TapAsync();
        }
        else
        {
            await answer.CheckAsync();
        }

        await PressAsync("quiz.submit");
        await Visible("#screen-outcome");
        await ScreenshotAsync(step);
        var outcome = Page.Locator("#outcome");
        return (await outcome.GetAttributeAsync("data-verdict") ?? "", await outcome.GetAttributeAsync("data-flags") ?? "", await outcome.InnerTextAsync());
    }

    /// <summary>Exports through the privacy panel and returns what the download link holds.</summary>
    public async Task<JsonElement> ExportAsync()
    {
        await Page.GetByText(_texts["privacy.summary"]).ClickAsync();
        await PressAsync("privacy.export");
        await Visible("#privacy-download");
        await CheckAccessibilityAsync("privacy");
        // Downloaded as the learner would: the page's CSP (connect-src 'self') keeps script from fetching the blob URL.
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#privacy-download").ClickAsync());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        return json.RootElement.Clone();
    }

    public Task Visible(string selector) => Page.Locator(selector).WaitForAsync(new() { State = WaitForSelectorState.Visible });

    protected Task ActivateAsync(ILocator control) => Phone ? control.TapAsync() : control.ClickAsync();
}
