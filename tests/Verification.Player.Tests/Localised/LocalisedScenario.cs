using Verification.Player.Tests.Support;
using Verification.Testing;

namespace Verification.Player.Tests.Localised;

/// <summary>
/// What each localised scenario does: the seeded learner (named in their own script) enrolls through the page in their
/// browser's language with Tony Blair's face on the fake camera, then passes a verified session.
/// </summary>
internal static class LocalisedScenario
{
    public const string Face = "Tony_Blair";
    public const int TypistSeed = 23;

    public static async Task<LocalisedPlayerPage> EnrollAsync(
        PlayerFixture fixture, string scenario, string locale, string language, KeyboardLayout layout, string? keyboard, bool phone = false)
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        var photos = Directory.GetFiles(Path.Combine(lfw, Face), "*.jpg").Order(StringComparer.Ordinal).ToArray();
        var browser = await fixture.BrowserWithCameraAsync(Face, photos[..5]);
        var player = await LocalisedPlayerPage.OpenAsync(browser, fixture.Address, scenario, locale, language, phone);
        await player.SignInAndConsentAsync();
        await player.CaptureFaceAsync();
        await player.UploadIdPhotoAsync(photos[13]);
        await player.TypeEnrollmentSamplesAsync(new LayoutTypist(TypistSeed, layout), keyboard);
        return player;
    }

    public static async Task<(string Verdict, string Flags, string Text)> AssessAsync(LocalisedPlayerPage player, KeyboardLayout layout)
    {
        var phrase = await player.OpenAssessmentAsync();
        await player.TypeCheckAsync(new LayoutTypist(TypistSeed, layout), phrase);
        await player.WaitForCheckedFramesAsync(4);
        return await player.SubmitAsync();
    }
}
