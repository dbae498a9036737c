using Verification.Player.Tests.Support;
using Verification.Testing;

namespace Verification.Player.Tests;

/// <summary>
/// A learner who switches the page's language half-way through enrollment still finishes it: the pledge they were
/// shown when enrollment started is the one their samples are sent and completed for. Before, the switch changed the
/// pledge under the running enrollment, the server refused to complete it (samples of one pledge, completion of
/// another), and the learner was left on the typing screen with no message.
/// </summary>
public sealed class LanguageSwitchDuringEnrollmentTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    private const string Learner = "Tony_Blair";

    [Fact]
    public async Task Switching_to_spanish_on_the_typing_step_keeps_the_pledge_shown_and_enrollment_completes()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        var photos = Directory.GetFiles(Path.Combine(lfw, Learner), "*.jpg").Order(StringComparer.Ordinal).ToArray();
        var player = await PlayerPage.OpenAsync(await fixture.BrowserWithCameraAsync(Learner, photos[..5]), fixture.Address, "language-switch-enrollment");
        await player.SignInAsync();
        await player.AcceptConsentAsync();
        await player.CaptureFaceAsync();
        await player.UploadIdPhotoAsync(photos[13]);
        var shown = await player.Page.Locator("#typing-phrase").InnerTextAsync();

        await player.Page.Locator("#language-select").SelectOptionAsync("es");
        await player.Page.WaitForFunctionAsync("() => document.documentElement.lang === 'es'");
        await player.TypeEnrollmentSamplesAsync(new Typist(11));

        Assert.Equal(shown, await player.Page.Locator("#typing-phrase").InnerTextAsync());
        Assert.True(await player.Page.Locator("#screen-ready").IsVisibleAsync());
        Assert.Equal("", await player.Page.Locator("#typing-error").InnerTextAsync());
        await player.Page.Context.CloseAsync();
    }
}
