using System.Text;
using Microsoft.Extensions.Configuration;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Identity.Pledges;

namespace Verification.Proctoring.Tests.Identity.Pledges;

/// <summary>The typing check asks for a pledge the learner's keyboard types without an input method, never their name.</summary>
public sealed class PledgeCatalogTests
{
    private static readonly Guid Learner = new("01935f00-0000-7000-8000-0000000000a1");

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-TW")]
    [InlineData("ja-JP")]
    public void A_language_whose_script_needs_an_input_method_gets_a_latin_letter_pledge(string locale)
    {
        var choice = Catalog().Choose(Learner, locale, null);

        Assert.Equal(PledgeKeyboard.Latin, choice.Keyboard);
        Assert.False(choice.NativeAvailable);
        Assert.All(choice.Phrase.EnumerateRunes(), r => Assert.True(r.Value < 0x80, $"U+{r.Value:X4} needs more than a Latin keyboard"));
    }

    [Theory]
    [InlineData("ar", 0x0600, 0x06FF)]
    [InlineData("hi-IN", 0x0900, 0x097F)]
    [InlineData("ru-RU", 0x0400, 0x04FF)]
    public void A_language_with_a_direct_keyboard_gets_a_pledge_in_its_own_script_and_a_latin_one_on_request(string locale, int first, int last)
    {
        var catalog = Catalog();

        var native = catalog.Choose(Learner, locale, null);
        var latin = catalog.Choose(Learner, locale, PledgeKeyboard.Latin);

        Assert.Equal(PledgeKeyboard.Native, native.Keyboard);
        Assert.Contains(native.Phrase.EnumerateRunes(), r => r.Value >= first && r.Value <= last);
        Assert.Equal(PledgeKeyboard.Latin, latin.Keyboard);
        Assert.True(latin.NativeAvailable);
        Assert.All(latin.Phrase.EnumerateRunes(), r => Assert.True(r.Value < 0x80, $"U+{r.Value:X4} in the Latin pledge"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("xx-YY")]
    [InlineData("../../etc/passwd")]
    [InlineData("zh\u0000CN")]
    [InlineData("a-very-long-tag-that-no-browser-would-send-aaaaaaaaaaaaaaaaaaaa")]
    public void An_unknown_or_hostile_locale_falls_back_to_english(string? locale)
    {
        var choice = Catalog().Choose(Learner, locale, null);

        Assert.Equal("en", choice.Language);
        Assert.Contains(choice.Phrase, DefaultPledges.ByLanguage["en"].Native);
    }

    [Fact]
    public void Every_built_in_pledge_is_a_phrase_the_keystroke_reader_accepts_and_is_in_nfc()
    {
        foreach (var (language, set) in DefaultPledges.ByLanguage)
        {
            foreach (var pledge in set.Native.Concat(set.Latin))
            {
                Assert.True(pledge.IsNormalized(NormalizationForm.FormC), $"{language}: {pledge}");
                // A reader that refuses the phrase says phrase_invalid before looking at any event.
                Assert.NotEqual(KeystrokeRejectionCodes.PhraseInvalid, KeystrokeSampleReader.Read(pledge, []).Rejection?.Code);
                Assert.DoesNotContain("لا", pledge, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_same_learner_gets_the_same_pledge_and_configured_pledges_replace_the_built_in_ones_in_nfc()
    {
        var configured = Catalog(new()
        {
            ["Proctoring:Pledges:es:Native:0"] = "Prometo que el trabajo es mi\u0301o",
            ["Proctoring:Pledges:es:Native:1"] = "Trabajo con honestidad",
        });

        var first = configured.Choose(Learner, "es-MX", null);
        var again = configured.Choose(Learner, "es-MX", null);
        var pledges = Enumerable.Range(0, 64).Select(i => configured.Choose(Guid.CreateVersion7(), "es", null).Phrase).ToHashSet();

        Assert.Equal(first, again);
        Assert.Equal(["Prometo que el trabajo es mío", "Trabajo con honestidad"], pledges.Order(StringComparer.Ordinal));
    }

    private static PledgeCatalog Catalog(Dictionary<string, string?>? settings = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
}
