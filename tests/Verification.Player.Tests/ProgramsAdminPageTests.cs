using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Player.Tests.Support;
using Verification.Testing;

namespace Verification.Player.Tests;

/// <summary>The organisation's program administrator on the demo program's page, in headless Chromium, signed in for real.</summary>
public sealed partial class ProgramsAdminPageTests : IAsyncLifetime
{
    private const string NewPassword = "acme admin passphrase";

    // The demo seed's fixed ids (src/Verification.Host/Demo/DemoSeeder.cs).
    private const string ProgramAdminEmail = "programs@acme.example.org";
    private static readonly Guid AcmeProgramId = new("01935f00-0000-7000-8000-00000000000d");
    private static readonly Guid CompanyCourseId = new("01935f00-0000-7000-8000-00000000000a");
    private StaffPages? _pages;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _pages = await StaffPages.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_pages is not null)
        {
            await _pages.DisposeAsync();
        }
    }

    [Fact]
    public async Task Acmes_program_administrator_signs_in_changes_the_one_time_password_uploads_a_csv_and_downloads_the_zip()
    {
        // The demo made the account and printed its one-time password; the operator's way to get one again is a new one.
        var oneTime = await SendAsync(new IssueStaffPassword(ProgramAdminEmail, "test"));
        await using var context = await _pages!.Browser.NewContextAsync(new() { BaseURL = _pages!.Host.Address.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync("/programs/");
        await Assertions.Expect(page.Locator("#sign-in-section")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#admin")).ToBeHiddenAsync();
        await page.FillAsync("#sign-in-email", ProgramAdminEmail);
        await page.FillAsync("#sign-in-password", oneTime!);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-new-password")).ToBeVisibleAsync();
        await page.FillAsync("#sign-in-password", oneTime!);
        await page.FillAsync("#sign-in-new-password", NewPassword);
        await page.ClickAsync("#sign-in button[type=submit]");

        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as Acme Program Admin.");
        await Assertions.Expect(page.Locator("#program option")).ToHaveTextAsync(new Regex("Acme Data Academy"));
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

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[data-report='reports.zip']"));
        await using (var zip = await ZipFile.OpenReadAsync(await download.PathAsync(), Cancel))
        {
            Assert.Equal(["membership.csv", "specialization.csv", "usage.csv"], zip.Entries.Select(e => e.FullName).Order());
            using var membership = new StreamReader(await zip.GetEntry("membership.csv")!.OpenAsync(Cancel));
            var report = await membership.ReadToEndAsync(Cancel);
            Assert.StartsWith("Name,Email,External Id,Program Name", report.TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Contains("katherine@example.org", report, StringComparison.Ordinal);
        }

        await page.ClickAsync("#sign-out");
        await Assertions.Expect(page.Locator("#sign-in-section")).ToBeVisibleAsync();
        var afterSignOut = await context.APIRequest.GetAsync("/api/v1/programs");
        var html = await (await context.APIRequest.GetAsync("/programs/")).TextAsync();

        Assert.Equal(401, afterSignOut.Status);
        Assert.Empty(scriptErrors);
        // The page must run under a strict CSP: no inline scripts, no inline event handlers.
        Assert.DoesNotMatch(InlineScript(), html);
    }

    [Fact]
    public async Task A_csv_in_utf8_with_a_bom_brings_chinese_and_arabic_names_whole_in_nfc_to_the_page_and_the_report()
    {
        const string chinese = "欧阳娜娜";
        const string arabic = "مُحَمَّد الأنصاري";
        // Typed decomposed, the Arabic harakat out of canonical order: the page and the report (UTF-8) carry the NFC forms.
        var typed = arabic.Normalize(System.Text.NormalizationForm.FormD).Replace("\u064E\u0651", "\u0651\u064E", StringComparison.Ordinal);
        var oneTime = await SendAsync(new IssueStaffPassword(ProgramAdminEmail, "test"));
        await using var context = await _pages!.Browser.NewContextAsync(new() { BaseURL = _pages.Host.Address.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await SignInAsync(page, ProgramAdminEmail, oneTime!);

        var csv = System.Text.Encoding.UTF8.GetBytes($"\uFEFFFull Name,Email,External ID\r\n{chinese},nana@example.org,Z1\r\n{typed},mohammed@example.org,A1\r\n");
        await page.SetInputFilesAsync("#csv", new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = csv });
        await page.ClickAsync("#upload button[type=submit]");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("2 invited, 0 rows not invited.");
        var cells = new Dictionary<string, string[]>();
        foreach (var email in new[] { "nana@example.org", "mohammed@example.org" })
        {
            var cell = page.Locator("#members tbody tr", new() { HasText = email }).Locator("td").First;
            cells[email] = await cell.EvaluateAsync<string[]>(
                "e => [e.textContent, getComputedStyle(e).direction, String(e.scrollWidth <= e.clientWidth + 1)]");
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(L10nFolder(), "programs-csv-import.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[data-report='membership.csv']"));
        var report = await File.ReadAllBytesAsync(await download.PathAsync(), Cancel);

        Assert.Equal([chinese, "ltr", "true"], cells["nana@example.org"]);
        Assert.Equal([arabic.Normalize(System.Text.NormalizationForm.FormC), "rtl", "true"], cells["mohammed@example.org"]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, report[..3]);
        var text = System.Text.Encoding.UTF8.GetString(report);
        Assert.Contains(chinese + ",nana@example.org", text, StringComparison.Ordinal);
        Assert.Contains(arabic.Normalize(System.Text.NormalizationForm.FormC) + ",mohammed@example.org", text, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(IPage page, string email, string oneTime)
    {
        await page.GotoAsync("/programs/");
        await page.FillAsync("#sign-in-email", email);
        await page.FillAsync("#sign-in-password", oneTime);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-new-password")).ToBeVisibleAsync();
        await page.FillAsync("#sign-in-password", oneTime);
        await page.FillAsync("#sign-in-new-password", NewPassword);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToBeVisibleAsync();
    }

    private static string L10nFolder()
    {
        var results = Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS");
        var folder = Path.Combine(string.IsNullOrWhiteSpace(results) ? Path.Combine(AppContext.BaseDirectory, "test-results") : results, "l10n");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task Another_organisations_program_administrator_sees_nothing_of_Acme()
    {
        var organisation = await CreateOtherOrganisationWithAProgramAsync();
        var account = (await SendAsync(new CreateStaffMember("admin@globex.example.org", "Globex Program Admin", StaffRoles.ProgramAdmin, "test", OrganisationId: organisation))).Created!;
        await using var context = await _pages!.Browser.NewContextAsync(new() { BaseURL = _pages!.Host.Address.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/programs/");
        await page.FillAsync("#sign-in-email", account.Email);
        await page.FillAsync("#sign-in-password", account.OneTimePassword);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-new-password")).ToBeVisibleAsync();
        await page.FillAsync("#sign-in-password", account.OneTimePassword);
        await page.FillAsync("#sign-in-new-password", NewPassword);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as Globex Program Admin.");

        await Assertions.Expect(page.Locator("#program option")).ToHaveTextAsync("Globex Academy (Globex)");
        var program = await context.APIRequest.GetAsync($"/api/v1/programs/{AcmeProgramId}");
        var members = await context.APIRequest.GetAsync($"/api/v1/programs/{AcmeProgramId}/members");
        var zip = await context.APIRequest.GetAsync($"/api/v1/programs/{AcmeProgramId}/reports/reports.zip");
        var invite = await context.APIRequest.PostAsync($"/api/v1/programs/{AcmeProgramId}/invitations", new() { DataObject = new { fullName = "Mallory", email = "mallory@example.org" } });
        var setUp = await context.APIRequest.PostAsync($"/api/v1/programs/{AcmeProgramId}/contracts", new() { DataObject = new { name = "More", licenceCount = 100, startsOn = "2026-01-01", endsOn = "2030-01-01" } });

        Assert.Equal([404, 404, 404, 404], new[] { program.Status, members.Status, zip.Status, invite.Status });
        Assert.Equal(403, setUp.Status);
        Assert.Equal("role_missing", (await setUp.JsonAsync())?.GetProperty("code").GetString());
    }

    /// <summary>Globex and its program, made by a staff admin through the API; the organisation's id.</summary>
    private async Task<Guid> CreateOtherOrganisationWithAProgramAsync()
    {
        var admin = (await SendAsync(new CreateStaffMember("root@example.org", "Test Admin", StaffRoles.Admin, "test"))).Created!;
        using var client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = _pages!.Host.Address };
        using (var signIn = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = admin.Email, password = admin.OneTimePassword, newPassword = NewPassword }, Cancel))
        {
            signIn.EnsureSuccessStatusCode();
        }

        var organisation = await (await client.PostAsJsonAsync("/api/v1/programs/organisations", new { name = "Globex", slug = "globex" }, Cancel)).ReadAsync<JsonElement>();
        var organisationId = organisation.GetProperty("organisationId").GetGuid();
        using var program = await client.PostAsJsonAsync("/api/v1/programs", new { organisationId, slug = "globex-academy", name = "Globex Academy", curriculum = new[] { new { courseId = CompanyCourseId } } }, Cancel);
        program.EnsureSuccessStatusCode();
        return organisationId;
    }

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _pages!.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, Cancel);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
