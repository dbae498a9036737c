using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>Screenshots of each step under <c>$VERIFICATION_TEST_RESULTS/player/</c> (else under the test output).</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Locate();

    public static Task SaveAsync(IPage page, string scenario, string step) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder, scenario, step + ".png"), FullPage = true });

    private static string Locate()
    {
        var results = Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS");
        var folder = Path.Combine(string.IsNullOrWhiteSpace(results) ? Path.Combine(AppContext.BaseDirectory, "test-results") : results, "player");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
