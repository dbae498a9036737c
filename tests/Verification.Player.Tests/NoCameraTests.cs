using Verification.Player.Tests.Support;

namespace Verification.Player.Tests;

/// <summary>A learner with no webcam, or who says no, is shown the alternatives and nothing is collected.</summary>
public sealed class NoCameraTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    [Fact]
    public async Task A_learner_without_a_webcam_is_shown_the_alternatives_and_nothing_is_collected()
    {
        await fixture.StartAsync();
        var player = await PlayerPage.OpenAsync(await fixture.BrowserWithoutCameraAsync(), fixture.Address, "c-no-camera");
        await player.SignInAsync();
        await player.AcceptConsentAsync();

        var reason = await player.AlternativesReasonAsync();
        await player.ScreenshotAsync("03-alternatives");
        await player.CheckAccessibilityAsync("alternatives");
        var export = await player.ExportAsync();
        await player.ScreenshotAsync("04-privacy-export");

        Assert.Contains("camera", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Audit track", await player.Page.Locator("#screen-alternatives").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Manual review of your ID", await player.Page.Locator("#screen-alternatives").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, export.GetProperty("consents").GetArrayLength());
        Assert.False(export.GetProperty("enrollment").GetProperty("enrolled").GetBoolean());
    }

    [Fact]
    public async Task A_learner_who_declines_consent_is_shown_the_alternatives()
    {
        await fixture.StartAsync();
        var player = await PlayerPage.OpenAsync(await fixture.BrowserWithoutCameraAsync(), fixture.Address, "c-declined");
        await player.SignInAsync();
        await player.DeclineConsentAsync();

        var reason = await player.AlternativesReasonAsync();
        await player.ScreenshotAsync("03-alternatives");

        Assert.Contains("chose not to", reason, StringComparison.Ordinal);
        Assert.Equal(0, (await player.ExportAsync()).GetProperty("consents").GetArrayLength());
    }
}
