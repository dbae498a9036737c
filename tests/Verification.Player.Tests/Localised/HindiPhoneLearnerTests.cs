using Verification.Player.Tests.Support;

namespace Verification.Player.Tests.Localised;

public sealed class HindiLearnerFixture : PlayerFixture
{
    public const string Name = "अनन्या शर्मा";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Demo:LearnerName"] = Name };
}

/// <summary>A learner named in Devanagari, in a hi-IN browser on a phone-sized touch screen, typing on Hindi InScript.</summary>
public sealed class HindiPhoneLearnerTests(HindiLearnerFixture fixture) : IClassFixture<HindiLearnerFixture>
{
    [Fact]
    public async Task A_learner_named_in_devanagari_enrolls_on_a_phone_in_hindi_with_an_inscript_keyboard_and_is_verified()
    {
        var player = await LocalisedScenario.EnrollAsync(fixture, "hi-IN-phone", "hi-IN", "hi", KeyboardLayout.HindiInScript, keyboard: "native", phone: true);
        Assert.Equal("hi", await player.Page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.True(await player.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        await player.CheckAccessibilityAsync("enrolled (hi, phone)");

        var (verdict, flags, text) = await LocalisedScenario.AssessAsync(player, KeyboardLayout.HindiInScript);

        Assert.Equal("Verified", verdict);
        Assert.Equal("", flags);
        Assert.Equal(player.Text("outcome.verified"), text);
    }
}
