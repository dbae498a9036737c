using System.Text;
using Microsoft.Playwright;
using Verification.Certificates.Tests.Support;

namespace Verification.Certificates.Tests.Browser;

/// <summary>
/// The public verification page of a learner named in Chinese and of one named in Arabic (typed decomposed, harakat out
/// of canonical order), in Debian's headless Chromium on a desktop and on a phone-sized screen: the name is shown as its
/// NFC form, the Arabic one right-to-left in its own isolated run, and nothing is cut off. Screenshots:
/// <c>$VERIFICATION_TEST_RESULTS/l10n/</c>.
/// </summary>
public sealed class NonLatinNamesBrowserTests(KestrelCertificatesApp app) : IClassFixture<KestrelCertificatesApp>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_public_page_shows_a_chinese_and_an_arabic_name_whole_in_nfc_and_the_arabic_one_right_to_left()
    {
        Assert.SkipUnless(File.Exists(Chromium), "Debian's chromium is not installed: ./test.sh installs it.");
        var names = new Dictionary<string, (string Name, string Direction)>
        {
            ["zh"] = ("欧阳娜娜 王小明", "ltr"),
            ["ar"] = ("مُحَمَّد بن عبد الله الأنصاري", "rtl"),
        };
        var world = await World.CreateAsync(app, "Browser University", "Seeing Is Believing");
        var codes = new Dictionary<string, string>();
        foreach (var (language, (name, _)) in names)
        {
            var typed = name.Normalize(NormalizationForm.FormD).Replace("\u064E\u0651", "\u0651\u064E", StringComparison.Ordinal);
            var learner = await world.LearnerAsync(typed);
            await world.PayAsync(learner);
            await world.VerifiedSessionAsync(learner);
            await world.PassAsync(learner);
            codes[language] = CertificateRows.Display((await CertificateRows.GetAsync(app, learner, world.CourseId)).Code);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var seen = new List<(string Case, string Text, string Direction, string Isolation, bool Whole)>();
        foreach (var (screen, viewport) in new[] { ("desktop", new ViewportSize { Width = 1280, Height = 800 }), ("phone", new ViewportSize { Width = 360, Height = 740 }) })
        {
            var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = viewport, IsMobile = screen == "phone", HasTouch = screen == "phone" });
            var page = await context.NewPageAsync();
            foreach (var (language, code) in codes)
            {
                await page.GotoAsync($"/verify/{code}");
                var learner = page.Locator("#learner");
                var shown = await learner.EvaluateAsync<string[]>(
                    "e => [e.textContent, getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi, String(e.scrollWidth <= e.clientWidth + 1 && getComputedStyle(e).textOverflow !== 'ellipsis')]");
                seen.Add(($"{language} {screen}", shown[0], shown[1], shown[2], shown[3] == "true"));
                await page.ScreenshotAsync(new() { Path = Path.Combine(Folder(), $"verify-page-{language}-{screen}.png"), FullPage = true });
            }

            await context.CloseAsync();
        }

        Assert.Equal(4, seen.Count);
        foreach (var (name, direction) in names.Values)
        {
            var cases = seen.Where(s => s.Text == name.Normalize(NormalizationForm.FormC)).ToList();
            Assert.Equal(2, cases.Count);
            Assert.All(cases, c => Assert.Equal(direction, c.Direction));
            Assert.All(cases, c => Assert.Contains(c.Isolation, new[] { "isolate", "plaintext" }));
            Assert.All(cases, c => Assert.True(c.Whole, $"{c.Case}: the name is cut off"));
        }
    }

    private static string Folder()
    {
        var results = Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS");
        var folder = Path.Combine(string.IsNullOrWhiteSpace(results) ? Path.Combine(AppContext.BaseDirectory, "test-results") : results, "l10n");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
