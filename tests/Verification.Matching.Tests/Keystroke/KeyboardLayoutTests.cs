using Verification.Matching.Keystroke;

namespace Verification.Matching.Tests.Keystroke;

/// <summary>
/// The reader times phrase positions from key codes and time stamps, never from a QWERTY map: the same rhythm typed on
/// AZERTY, QWERTZ, Dvorak, ЙЦУКЕН, Arabic or Hindi InScript gives the same features as on QWERTY.
/// </summary>
public sealed class KeyboardLayoutTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string, string> Pledges => new()
    {
        { "AZERTY (French)", "Je certifie que le travail que je rends est le mien" },
        { "QWERTZ (German)", "Ich versichere, dass ich meine Arbeit selbst mache" },
        { "Dvorak", "I certify that the work I submit is my own" },
        { "ЙЦУКЕН (Russian)", "Я подтверждаю, что эта работа моя собственная" },
        { "Arabic (101)", "أقر بأن هذا العمل من عملي وحدي" },
        { "Hindi InScript", "यह काम पूरी तरह मेरा अपना है" },
    };

    [Theory]
    [MemberData(nameof(Pledges))]
    public void A_pledge_typed_on_a_non_qwerty_layout_gives_the_features_of_its_timings(string layout, string pledge)
    {
        var events = Layout(layout).Type(pledge, hold: 70, gap: 140);

        var sample = Typing.Sample(pledge, events);

        var keys = pledge.EnumerateRunes().Count();
        Assert.Equal(keys, sample.KeyCount);
        Assert.Equal(pledge, sample.Text);
        for (var key = 0; key < keys; key++)
        {
            Assert.Equal(0.070, sample.HoldTime(key), Tolerance);
            if (key + 1 < keys)
            {
                Assert.Equal(0.140, sample.DownDownTime(key), Tolerance);
                Assert.Equal(0.070, sample.UpDownTime(key), Tolerance);
            }
        }
    }

    [Fact]
    public void Key_ups_pair_with_key_downs_by_physical_key_when_the_layout_moves_the_letters()
    {
        // AZERTY: 'a' is the QWERTY Q key and 'q' the QWERTY A key; under rollover the release of KeyQ must close 'a'.
        var events = Typing.Sorted([
            new RawKeyEvent("down", "a", "KeyQ", 0), new RawKeyEvent("down", "q", "KeyA", 90),
            new RawKeyEvent("up", "a", "KeyQ", 120), new RawKeyEvent("up", "q", "KeyA", 170),
        ]);

        var sample = Typing.Sample("aq", events);

        Assert.Equal(0.120, sample.HoldTime(0), Tolerance);
        Assert.Equal(-0.030, sample.UpDownTime(0), Tolerance);
        Assert.Equal(0.080, sample.HoldTime(1), Tolerance);
    }

    [Fact]
    public void A_key_up_that_names_the_character_of_another_key_is_not_paired_with_it()
    {
        // A forged release: the 'a' character but the code of the key still down for 'q' is released first.
        var events = Typing.Sorted([
            new RawKeyEvent("down", "a", "KeyQ", 0), new RawKeyEvent("up", "a", "KeyA", 60), new RawKeyEvent("up", "a", "KeyQ", 80),
        ]);

        Assert.Equal("key_up_without_key_down", KeystrokeSampleReader.Read("a", events).Rejection?.Code);
    }

    [Fact]
    public void An_accent_typed_with_a_dead_key_is_timed_by_the_letter_key_as_shift_would_be()
    {
        const string pledge = "Certifico que el trabajo que entrego es mío";
        var deadKeys = new Dictionary<string, (string, string)> { ["í"] = ("Quote", "KeyI") };

        var sample = Typing.Sample(pledge, KeyboardLayouts.Qwertz.Type(pledge, hold: 70, gap: 140, deadKeys));

        Assert.Equal(pledge.Length, sample.KeyCount);
        Assert.Equal(0.070, sample.HoldTime(pledge.IndexOf('í', StringComparison.Ordinal)), Tolerance);
        Assert.Equal(0.140, sample.DownDownTime(pledge.IndexOf('í', StringComparison.Ordinal) - 1), Tolerance);
    }

    [Fact]
    public void The_same_rhythm_on_qwerty_and_on_azerty_gives_identical_feature_vectors()
    {
        const string pledge = "je certifie que le travail est le mien";
        var qwerty = Typing.Sample(pledge, Typing.Text(pledge, hold: 75, gap: 130));
        var azerty = Typing.Sample(pledge, KeyboardLayouts.Azerty.Type(pledge, hold: 75, gap: 130));

        Assert.Equal(qwerty.Features.ToArray(), azerty.Features.ToArray(), new ToleranceComparer(Tolerance));
    }

    [Theory]
    [InlineData("Process")]
    [InlineData("Unidentified")]
    public void An_input_method_composing_the_pledge_is_reported_as_such_not_as_a_mismatch(string key)
    {
        // Pinyin typed through an IME: the keys report "Process" (Unidentified on touch keyboards), not characters.
        var events = Typing.Sorted([
            new RawKeyEvent("down", key, "KeyW", 0), new RawKeyEvent("up", key, "KeyW", 60),
            new RawKeyEvent("down", key, "KeyO", 150), new RawKeyEvent("up", key, "KeyO", 210),
        ]);

        var rejection = KeystrokeSampleReader.Read("我", events).Rejection;

        Assert.Equal(KeystrokeRejectionCodes.InputMethod, rejection?.Code);
        Assert.Contains("input method", rejection?.LearnerMessage, StringComparison.Ordinal);
    }

    private static KeyboardLayouts Layout(string name) =>
        new[] { KeyboardLayouts.Azerty, KeyboardLayouts.Qwertz, KeyboardLayouts.Dvorak, KeyboardLayouts.Russian, KeyboardLayouts.Arabic, KeyboardLayouts.HindiInScript }
            .Single(l => l.Name == name);
}
