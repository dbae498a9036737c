using Verification.Matching.Keystroke;

namespace Verification.Matching.Tests.Keystroke;

public sealed class KeystrokeRejectionTests
{
    private static string CodeOf(string phrase, IReadOnlyList<RawKeyEvent> events)
    {
        var result = KeystrokeSampleReader.Read(phrase, events);
        Assert.False(result.IsAccepted);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.LearnerMessage));
        return result.Rejection.Code;
    }

    private static RawKeyEvent Down(string key, double t, bool repeat = false) => new("down", key, Typing.CodeOf(key), t, repeat);

    private static RawKeyEvent Up(string key, double t) => new("up", key, Typing.CodeOf(key), t);

    [Fact]
    public void Refuses_an_empty_sample() => Assert.Equal("empty_sample", CodeOf("ab", []));

    [Fact]
    public void Refuses_far_more_events_than_the_phrase_needs() =>
        Assert.Equal("too_many_events", CodeOf("ab", Typing.Text(new string('a', 60))));

    [Fact]
    public void Refuses_an_event_of_unknown_type() =>
        Assert.Equal("invalid_event", CodeOf("ab", [Down("a", 0), new RawKeyEvent("press", "a", "KeyA", 10)]));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-5.0)]
    public void Refuses_a_timestamp_that_is_not_a_finite_non_negative_time(double t) =>
        Assert.Equal("invalid_timestamp", CodeOf("ab", [Down("a", t), Up("a", 80)]));

    [Fact]
    public void Refuses_events_out_of_time_order() =>
        Assert.Equal("events_out_of_order", CodeOf("ab", [Down("a", 100), Up("a", 180), Down("b", 150), Up("b", 230)]));

    [Fact]
    public void Refuses_a_duplicated_event() =>
        Assert.Equal("duplicate_event", CodeOf("ab", [Down("a", 0), Down("a", 0), Up("a", 80), Down("b", 150), Up("b", 230)]));

    [Fact]
    public void Refuses_a_key_up_without_its_key_down() =>
        Assert.Equal("key_up_without_key_down", CodeOf("ab", [Down("a", 0), Up("a", 80), Up("x", 100), Down("b", 150), Up("b", 230)]));

    [Fact]
    public void Refuses_a_key_down_without_its_key_up() =>
        Assert.Equal("key_down_without_key_up", CodeOf("ab", [Down("a", 0), Up("a", 80), Down("b", 150)]));

    [Fact]
    public void Refuses_auto_repeat_flagged_by_the_browser() =>
        Assert.Equal("auto_repeat", CodeOf("ab", [Down("a", 0), Down("a", 530, repeat: true), Up("a", 600), Down("b", 650), Up("b", 700)]));

    [Fact]
    public void Refuses_a_second_key_down_without_a_key_up_as_auto_repeat() =>
        Assert.Equal("auto_repeat", CodeOf("ab", [Down("a", 0), Down("a", 530), Up("a", 600), Down("b", 650), Up("b", 700)]));

    [Fact]
    public void Refuses_a_key_held_for_an_absurd_time() =>
        Assert.Equal("key_held_too_long", CodeOf("ab", Typing.Keys(("a", 0, 3_600_000), ("b", 3_600_100, 3_600_200))));

    [Fact]
    public void Refuses_a_pause_of_hours_between_keys() =>
        Assert.Equal("pause_too_long", CodeOf("ab", Typing.Keys(("a", 0, 80), ("b", 7_200_000, 7_200_080))));

    [Fact]
    public void Refuses_a_correction_with_backspace() =>
        Assert.Equal("correction_used", CodeOf("ab", Typing.Keys(("a", 0, 80), ("x", 150, 220), ("Backspace", 300, 360), ("b", 450, 520))));

    [Fact]
    public void Refuses_a_correction_with_delete() =>
        Assert.Equal("correction_used", CodeOf("ab", Typing.Keys(("a", 0, 80), ("Delete", 150, 220), ("b", 450, 520))));

    [Fact]
    public void Refuses_moving_the_cursor() =>
        Assert.Equal("cursor_moved", CodeOf("ab", Typing.Keys(("a", 0, 80), ("ArrowLeft", 150, 220), ("b", 450, 520))));

    [Fact]
    public void Refuses_a_paste_shortcut() =>
        Assert.Equal("shortcut_used", CodeOf("ab", Typing.Sorted([Down("Control", 0), Down("v", 50), Up("v", 90), Up("Control", 120)])));

    [Fact]
    public void Refuses_an_input_method_composition() =>
        Assert.Equal("input_method_used", CodeOf("ab", Typing.Keys(("Process", 0, 80), ("b", 150, 220))));

    [Fact]
    public void Refuses_a_typo_rather_than_aligning_it() =>
        Assert.Equal("text_mismatch", CodeOf("abc", Typing.Text("abd")));

    [Fact]
    public void Refuses_an_incomplete_phrase() =>
        Assert.Equal("text_mismatch", CodeOf("abc", Typing.Text("ab")));

    [Fact]
    public void Refuses_text_beyond_the_phrase() =>
        Assert.Equal("text_mismatch", CodeOf("abc", Typing.Text("abcd")));

    [Fact]
    public void Refuses_keys_typed_after_the_submitting_enter() =>
        Assert.Equal("text_mismatch", CodeOf("ab", Typing.Text("ab\nc")));

    [Theory]
    [InlineData("")]
    [InlineData("a\tb")]
    public void Refuses_a_phrase_that_cannot_be_typed(string phrase) =>
        Assert.Equal("phrase_invalid", CodeOf(phrase, Typing.Text("ab")));

    [Fact]
    public void Asks_for_the_phrase_again_without_corrections_after_a_backspace()
    {
        var result = KeystrokeSampleReader.Read("ab", Typing.Keys(("a", 0, 80), ("Backspace", 150, 220)));

        Assert.Contains("without corrections", result.Rejection!.LearnerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Gives_every_reason_code_its_own_snake_case_code_and_a_tailored_message()
    {
        var codes = typeof(KeystrokeRejectionCodes).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(18, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        foreach (var code in codes)
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", code);
            Assert.NotEqual(KeystrokeRejectionCodes.MessageFor("not_a_code"), KeystrokeRejectionCodes.MessageFor(code));
        }
    }
}
