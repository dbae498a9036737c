using Verification.Player.Tests.Support;
using Verification.Testing;

namespace Verification.Player.Tests.Localised;

public sealed class TouchKeyboardLearnerFixture : PlayerFixture
{
    public const string Name = "José Núñez";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Demo:LearnerName"] = Name };
}

/// <summary>
/// A learner on a phone (Playwright's Pixel 5: touch, mobile viewport) in Spanish whose on-screen keyboard gives no key
/// timings: the player says so, enrolment completes without typing for the recorded reason, and the session is verified
/// on the face alone, the fallback recorded in the learner's export.
/// </summary>
public sealed class TouchKeyboardLearnerTests(TouchKeyboardLearnerFixture fixture) : IClassFixture<TouchKeyboardLearnerFixture>
{
    private const string Touch = "touch_keyboard";

    [Fact]
    public async Task A_learner_typing_on_a_touch_keyboard_enrolls_without_typing_and_is_verified_on_the_face_with_the_reason_recorded()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        var photos = Directory.GetFiles(Path.Combine(lfw, LocalisedScenario.Face), "*.jpg").Order(StringComparer.Ordinal).ToArray();
        var browser = await fixture.BrowserWithCameraAsync(LocalisedScenario.Face, photos[..5]);
        var player = await LocalisedPlayerPage.OpenAsync(browser, fixture.Address, "es-touch-phone", "es-ES", "es", device: fixture.Device("Pixel 5"));
        Assert.True(await player.Page.EvaluateAsync<bool>("() => navigator.maxTouchPoints > 0"), "the phone has no touch screen");
        await player.SignInAndConsentAsync();
        await player.CaptureFaceAsync();
        await player.UploadIdPhotoAsync(photos[13]);

        await player.TypeEnrollmentSamplesAsync(new TouchKeyboardTypist(keyEvents: true));
        var phrase = await player.OpenAssessmentAsync();
        await player.TypeCheckAsync(new TouchKeyboardTypist(keyEvents: false), phrase);
        await player.WaitForCheckedFramesAsync(4);
        var (verdict, flags, text) = await player.SubmitAsync();
        var detail = await player.Page.Locator("#outcome-detail").InnerTextAsync();
        var export = await player.ExportAsync();

        Assert.Equal("Verified", verdict);
        Assert.Equal("", flags);
        Assert.Equal(player.Text("outcome.verified"), text);
        Assert.Contains(player.Text("outcome.typingByFace"), detail, StringComparison.Ordinal);
        var enrollment = export.GetProperty("enrollment");
        Assert.Equal(Touch, enrollment.GetProperty("typingUnavailable").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, enrollment.GetProperty("keystrokeProfile").ValueKind);
        var session = Assert.Single(export.GetProperty("sessions").EnumerateArray());
        Assert.Equal(("Verified", Touch), (session.GetProperty("verdict").GetString(), session.GetProperty("typingUnavailable").GetString()));
        var check = Assert.Single(export.GetProperty("typingChecks").EnumerateArray());
        Assert.Equal((false, Touch), (check.GetProperty("usable").GetBoolean(), check.GetProperty("code").GetString()));
    }
}
