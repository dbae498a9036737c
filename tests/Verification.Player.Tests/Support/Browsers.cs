using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>Debian's Chromium, headless, driven by Playwright; with a fake camera playing a .y4m file, or with none.</summary>
internal static class Browsers
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] CommonArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
    ];

    public static Task<IBrowser> WithCameraAsync(IPlaywright playwright, string y4m) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = [.. CommonArgs, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--use-file-for-fake-video-capture=" + y4m],
    });

    /// <summary>No fake device: a machine with no webcam, where getUserMedia finds nothing.</summary>
    public static Task<IBrowser> WithoutCameraAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = [.. CommonArgs, "--use-fake-ui-for-media-stream"],
    });

    public static void RequireChromium()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Skip("Debian's chromium is not installed: ./test.sh installs it.");
        }
    }
}
