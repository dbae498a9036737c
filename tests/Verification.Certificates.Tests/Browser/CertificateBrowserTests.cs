using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Verification.Certificates.Tests.Support;
using Verification.Testing;

namespace Verification.Certificates.Tests.Browser;

/// <summary>
/// In Debian's headless Chromium: the learner whose certificate was issued opens /player/certificate.html with their
/// token and sees it valid with its code; a fresh browser context (no token, no cookie) opens its public page and sees
/// it valid. Screenshots: <c>$VERIFICATION_TEST_RESULTS/certificates/browser/</c>.
/// </summary>
public sealed class CertificateBrowserTests(KestrelCertificatesApp app) : IClassFixture<KestrelCertificatesApp>
{
    private const string Chromium = "/usr/bin/chromium";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_learner_sees_the_issued_certificate_and_a_fresh_browser_context_sees_its_public_page_valid()
    {
        Assert.SkipUnless(File.Exists(Chromium), "Debian's chromium is not installed: ./test.sh installs it.");
        var world = await World.CreateAsync(app, "Browser University", "Seeing Is Believing");
        var learner = await world.LearnerAsync("Ada Browser");
        await world.PayAsync(learner);
        await world.VerifiedSessionAsync(learner);
        await world.PassAsync(learner);
        var certificate = await CertificateRows.GetAsync(app, learner, world.CourseId);
        var shown = CertificateRows.Display(certificate.Code);
        var token = await TokenAsync(world, learner);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });

        var own = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, AcceptDownloads = true });
        own.SetDefaultTimeout(30_000);
        var page = await own.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync($"/player/certificate.html#token={token}");
        var item = page.Locator($"li.certificate[data-code='{shown}']");
        await item.Locator("img.qr").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.WaitForFunctionAsync("() => document.querySelector('img.qr').naturalWidth > 0");
        await SaveAsync(page, "01-learner-certificates");
        var course = await item.Locator("h2").InnerTextAsync();
        var status = await item.Locator(".status").InnerTextAsync();
        var partner = await item.Locator(".partner").InnerTextAsync();
        var link = await item.GetByRole(AriaRole.Link, new() { Name = "Open the public verification page" }).GetAttributeAsync("href");
        var download = await page.RunAndWaitForDownloadAsync(() => item.Locator("a.pdf-link").ClickAsync());
        var pdfHead = System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(await download.PathAsync(), Cancel))[..8]);
        var pdf = $"{download.SuggestedFilename} {pdfHead}";
        var address = page.Url;
        await own.CloseAsync();

        var fresh = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
        fresh.SetDefaultTimeout(30_000);
        var publicPage = await fresh.NewPageAsync();
        var response = await publicPage.GotoAsync(link!);
        await SaveAsync(publicPage, "02-public-page");
        // The text as written (the page's CSS shows it in capitals).
        var state = await publicPage.Locator("#state").TextContentAsync();
        var pageCourse = await publicPage.Locator("#course").InnerTextAsync();
        var pagePartner = await publicPage.Locator("#partner").InnerTextAsync();
        var code = await publicPage.Locator("#code").InnerTextAsync();
        await fresh.CloseAsync();

        Assert.Equal("Seeing Is Believing", course);
        Assert.Equal("Valid", status);
        Assert.Equal("Browser University", partner);
        Assert.Equal($"/verify/{shown}", link);
        Assert.Equal($"certificate-{shown}.pdf %PDF-1.7", pdf);
        Assert.DoesNotContain("token", address, StringComparison.Ordinal);
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal(200, response!.Status);
        Assert.Equal("Valid", state);
        Assert.Equal("Seeing Is Believing", pageCourse);
        Assert.Equal("Browser University", pagePartner);
        Assert.Equal(shown, code);
    }

    private async Task<string> TokenAsync(World world, Guid learner)
    {
        using var minter = app.WithKey(world.MintKey);
        using var response = await minter.PostAsJsonAsync("/api/v1/tokens", new { learnerId = learner, courseId = world.CourseId, purpose = "enrollment" }, Cancel);
        return (await response.ReadAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static Task SaveAsync(IPage page, string step)
    {
        var results = Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS");
        var folder = Path.Combine(string.IsNullOrWhiteSpace(results) ? Path.Combine(AppContext.BaseDirectory, "test-results") : results, "certificates", "browser");
        return page.ScreenshotAsync(new() { Path = Path.Combine(folder, step + ".png"), FullPage = true });
    }
}
