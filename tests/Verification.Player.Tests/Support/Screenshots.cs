using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>
/// Screenshots of each step under <c>$VERIFICATION_TEST_RESULTS/player/</c> (else under the test output), or under
/// another area of it (<c>lti/</c> for the LTI launch).
/// </summary>
internal static class Screenshots
{
    public static string Folder { get; } = FolderFor("player");

    public static Task SaveAsync(IPage page, string scenario, string step, string area = "player") =>
        page.ScreenshotAsync(new() { Path = Path.Combine(area == "player" ? Folder : FolderFor(area), scenario, step + ".png"), FullPage = true });

    public static string FolderFor(string area)
    {
        var results = Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS");
        var folder = Path.Combine(string.IsNullOrWhiteSpace(results) ? Path.Combine(AppContext.BaseDirectory, "test-results") : results, area);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
