using Verification.Player.Tests.Support;

namespace Verification.Player.Tests.Localised;

public sealed class ArabicLearnerFixture : PlayerFixture
{
    public const string Name = "ليلى عبد الله";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Demo:LearnerName"] = Name };
}

/// <summary>A learner named in Arabic, in an Arabic browser: the page right-to-left, the pledge typed on an Arabic keyboard.</summary>
public sealed class ArabicLearnerTests(ArabicLearnerFixture fixture) : IClassFixture<ArabicLearnerFixture>
{
    [Fact]
    public async Task A_learner_named_in_arabic_enrolls_on_a_right_to_left_page_with_an_arabic_keyboard_and_is_verified()
    {
        var player = await LocalisedScenario.EnrollAsync(fixture, "ar", "ar", "ar", KeyboardLayout.Arabic, keyboard: "native");
        Assert.Equal("rtl", await player.Page.EvaluateAsync<string>("() => document.documentElement.dir"));
        Assert.Equal("rtl", await player.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"));
        await player.CheckAccessibilityAsync("enrolled (ar)");

        var (verdict, flags, text) = await LocalisedScenario.AssessAsync(player, KeyboardLayout.Arabic);

        Assert.Equal("Verified", verdict);
        Assert.Equal("", flags);
        Assert.Equal(player.Text("outcome.verified"), text);
    }
}
