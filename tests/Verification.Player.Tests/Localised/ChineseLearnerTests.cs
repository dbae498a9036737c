using Verification.Player.Tests.Support;

namespace Verification.Player.Tests.Localised;

public sealed class ChineseLearnerFixture : PlayerFixture
{
    public const string Name = "王小明";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Demo:LearnerName"] = Name };
}

/// <summary>A learner named in Hanzi, in a zh-CN browser: a Chinese page, a pinyin pledge typed on a Latin keyboard, and an IME.</summary>
public sealed class ChineseLearnerTests(ChineseLearnerFixture fixture) : IClassFixture<ChineseLearnerFixture>
{
    [Fact]
    public async Task A_learner_named_in_hanzi_enrolls_in_chinese_and_an_ime_composition_is_reported_and_excluded_not_a_mismatch()
    {
        var player = await LocalisedScenario.EnrollAsync(fixture, "zh-CN", "zh-CN", "zh-CN", KeyboardLayout.Us, keyboard: null);
        Assert.Equal("zh-CN", await player.Page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await player.CheckAccessibilityAsync("enrolled (zh-CN)");

        var phrase = await player.OpenAssessmentAsync();
        Assert.Matches("^[a-z ]+$", phrase);
        Assert.DoesNotContain(ChineseLearnerFixture.Name, phrase, StringComparison.Ordinal);

        await player.Page.Locator("#check-input").FocusAsync();
        await LayoutTypist.ComposeAsync(player.Page, "wochengnuo", "我承诺");
        await player.Page.Locator("#check-error").WaitForAsync();
        await player.ScreenshotAsync("08-ime-reported");
        Assert.Equal(player.Text("typing.ime"), await player.Page.Locator("#check-error").InnerTextAsync());
        Assert.True(await player.Page.Locator("#typing-check").IsVisibleAsync());

        await player.TypeCheckAsync(new LayoutTypist(LocalisedScenario.TypistSeed, KeyboardLayout.Us), phrase);
        await player.WaitForCheckedFramesAsync(4);
        var (verdict, flags, text) = await player.SubmitAsync();

        Assert.Equal("Verified", verdict);
        Assert.Equal("", flags);
        Assert.Equal(player.Text("outcome.verified"), text);
    }
}
