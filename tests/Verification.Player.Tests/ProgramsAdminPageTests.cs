using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Verification.Player.Tests.Support;
using Verification.Testing;
using Verification.Testing.Access;

namespace Verification.Player.Tests;

/// <summary>The organisation administrator's page on the demo program, in headless Chromium.</summary>
public sealed partial class ProgramsAdminPageTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private ProgramsHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        Browsers.RequireChromium();
        _database = await TestDatabase.CreateEmptyAsync();
        _host = new ProgramsHost(_database.ConnectionString);
        _ = _host.Address;
        _playwright = await Playwright.CreateAsync();
        _browser = await Browsers.WithoutCameraAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_administrator_filters_members_uploads_a_csv_sees_its_error_report_and_downloads_a_report()
    {
        await using var context = await _browser!.NewContextAsync(new() { BaseURL = _host!.Address.ToString(), AcceptDownloads = true });
        await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [TestAccess.Header] = TestAccess.Admin });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync("/programs/");
        var rows = page.Locator("#members tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await page.SelectOptionAsync("#state", "INVITED");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.SelectOptionAsync("#state", "");

        var csv = "\uFEFFFull Name,Email,External ID\r\nKatherine Johnson,katherine@example.org,K1\r\nNo Mail,not-an-email,\r\n"u8.ToArray();
        await page.SetInputFilesAsync("#csv", new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = csv });
        await page.ClickAsync("#upload button[type=submit]");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("1 invited, 1 rows not invited.");
        await Assertions.Expect(page.Locator("#csv-errors tbody tr")).ToHaveTextAsync(new Regex("3\\s*email is not a valid address"));
        await Assertions.Expect(rows).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("#contracts tbody tr td").Nth(1)).ToHaveTextAsync("5");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[data-report='membership.csv']"));
        var path = await download.PathAsync();
        var report = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var html = await (await context.APIRequest.GetAsync("/programs/")).TextAsync();

        Assert.StartsWith("Name,Email,External Id,Program Name", report, StringComparison.Ordinal);
        Assert.Contains("katherine@example.org", report, StringComparison.Ordinal);
        Assert.Empty(scriptErrors);
        // The page must run under a strict CSP: no inline scripts, no inline event handlers.
        Assert.DoesNotMatch(InlineScript(), html);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
