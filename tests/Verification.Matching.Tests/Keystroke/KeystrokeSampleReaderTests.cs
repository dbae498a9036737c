using Verification.Matching.Keystroke;

namespace Verification.Matching.Tests.Keystroke;

public sealed class KeystrokeSampleReaderTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Extracts_hold_down_down_and_up_down_times_in_seconds_from_known_timings()
    {
        var events = Typing.Keys(("a", 0, 100), ("b", 150, 230), ("c", 400, 450));

        var sample = Typing.Sample("abc", events);

        Assert.Equal(3, sample.KeyCount);
        Assert.Equal([0.100, 0.150, 0.050, 0.080, 0.250, 0.170, 0.050], sample.Features.ToArray(), new ToleranceComparer(Tolerance));
        Assert.Equal(0.080, sample.HoldTime(1), Tolerance);
        Assert.Equal(0.250, sample.DownDownTime(1), Tolerance);
        Assert.Equal(0.170, sample.UpDownTime(1), Tolerance);
    }

    [Fact]
    public void Accepts_rollover_and_gives_a_negative_up_down_time()
    {
        // b goes down 20 ms before a comes up, as fast typists do.
        var events = Typing.Keys(("a", 0, 120), ("b", 100, 200));

        var sample = Typing.Sample("ab", events);

        Assert.Equal(0.120, sample.HoldTime(0), Tolerance);
        Assert.Equal(0.100, sample.DownDownTime(0), Tolerance);
        Assert.Equal(-0.020, sample.UpDownTime(0), Tolerance);
    }

    [Fact]
    public void Treats_shift_as_no_phrase_key_and_times_the_capital_by_its_own_key()
    {
        var events = Typing.Sorted([
            new RawKeyEvent("down", "Shift", "ShiftLeft", 0),
            new RawKeyEvent("down", "I", "KeyI", 40),
            new RawKeyEvent("up", "i", "KeyI", 110),
            new RawKeyEvent("up", "Shift", "ShiftLeft", 130),
            new RawKeyEvent("down", ",", "Comma", 200),
            new RawKeyEvent("up", ",", "Comma", 260),
        ]);

        var sample = Typing.Sample("I,", events);

        Assert.Equal(2, sample.KeyCount);
        Assert.Equal("I,", sample.Text);
        Assert.Equal(0.070, sample.HoldTime(0), Tolerance);
        Assert.Equal(0.160, sample.DownDownTime(0), Tolerance);
    }

    [Fact]
    public void Matches_letters_ignoring_case_so_caps_lock_does_not_reject_a_learner()
    {
        var result = KeystrokeSampleReader.Read("I, Ada", Typing.Text("i, ADA"));

        Assert.True(result.IsAccepted);
        Assert.Equal(6, result.Sample.KeyCount);
    }

    [Fact]
    public void Ignores_the_enter_that_submits_a_phrase_without_a_trailing_newline()
    {
        var sample = Typing.Sample("ab", Typing.Text("ab\n"));

        Assert.Equal(2, sample.KeyCount);
        Assert.Equal(4, sample.Features.Length);
    }

    [Fact]
    public void Times_enter_as_a_phrase_key_when_the_phrase_ends_with_a_newline()
    {
        var sample = Typing.Sample("ab\n", Typing.Text("ab\n", hold: 90, gap: 200));

        Assert.Equal(3, sample.KeyCount);
        Assert.Equal(0.090, sample.HoldTime(2), Tolerance);
        Assert.Equal(0.200, sample.DownDownTime(1), Tolerance);
    }

    [Fact]
    public void Accepts_a_submitting_enter_whose_key_up_never_arrived()
    {
        var events = Typing.Text("ab");
        events.Add(new RawKeyEvent("down", "Enter", "Enter", 5_000));

        Assert.True(KeystrokeSampleReader.Read("ab", events).IsAccepted);
    }

    [Fact]
    public void Ignores_the_release_of_a_key_pressed_before_capture_began()
    {
        var events = Typing.Text("ab");
        events.Insert(0, new RawKeyEvent("up", "Tab", "Tab", 500));

        Assert.True(KeystrokeSampleReader.Read("ab", events).IsAccepted);
    }

    [Fact]
    public void Accepts_equal_timestamps_of_different_events_from_a_coarse_clock()
    {
        var events = Typing.Keys(("a", 0, 100), ("b", 100, 180));

        Assert.True(KeystrokeSampleReader.Read("ab", events).IsAccepted);
    }

    [Fact]
    public void Accepts_altgr_reported_as_control_and_alt_together()
    {
        var events = Typing.Sorted([
            new RawKeyEvent("down", "Control", "ControlLeft", 0),
            new RawKeyEvent("down", "Alt", "AltRight", 1),
            new RawKeyEvent("down", "@", "KeyQ", 50),
            new RawKeyEvent("up", "@", "KeyQ", 120),
            new RawKeyEvent("up", "Alt", "AltRight", 150),
            new RawKeyEvent("up", "Control", "ControlLeft", 151),
        ]);

        Assert.True(KeystrokeSampleReader.Read("@", events).IsAccepted);
    }

    [Fact]
    public void Pairs_keys_by_name_when_the_browser_gives_no_code_even_if_shift_is_released_first()
    {
        var events = new List<RawKeyEvent>
        {
            new("down", "Shift", "", 0),
            new("down", "A", "", 40),
            new("up", "Shift", "", 90),
            new("up", "a", "", 110),
            new("down", "b", "", 200),
            new("up", "b", "", 260),
        };

        var sample = Typing.Sample("Ab", events);

        Assert.Equal(0.070, sample.HoldTime(0), Tolerance);
    }

    [Fact]
    public void Recognises_a_shortcut_when_the_browser_gives_no_code()
    {
        var events = new List<RawKeyEvent> { new("down", "Control", "", 0), new("down", "v", "", 50), new("up", "v", "", 90), new("up", "Control", "", 120) };

        Assert.Equal("shortcut_used", KeystrokeSampleReader.Read("ab", events).Rejection?.Code);
    }

    [Fact]
    public void Never_throws_on_random_event_sequences()
    {
        var random = new Random(5);
        string[] keys = ["a", "b", "c", "Shift", "Backspace", "Enter", "Control", "Dead", ""];
        for (var round = 0; round < 3_000; round++)
        {
            var events = new List<RawKeyEvent>();
            var time = random.NextDouble() * 10;
            for (var i = random.Next(0, 12); i > 0; i--)
            {
                var key = keys[random.Next(keys.Length)];
                time += (random.NextDouble() * 300) - 20;
                events.Add(new RawKeyEvent(random.Next(3) switch { 0 => "down", 1 => "up", _ => "press" }, key, Typing.CodeOf(key), time, random.Next(10) == 0));
            }

            var result = KeystrokeSampleReader.Read("abc", events);

            Assert.True(result.IsAccepted ^ (result.Rejection is not null));
        }
    }
}

internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}
