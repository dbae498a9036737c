using Verification.Matching.Keystroke.FreeText;

namespace Verification.Matching.Tests.Keystroke.FreeText;

public sealed class FreeTextProfileTests
{
    [Fact]
    public void Typing_of_the_enrolled_typist_is_closer_than_another_typists()
    {
        var learner = new SyntheticTypist(seed: 1);
        var profile = FreeTextProfile.Of(learner.Type(400));

        var own = profile.Compare(FreeTextProfile.Of(learner.Type(300)));
        var others = Enumerable.Range(2, 10).Select(seed => profile.Compare(FreeTextProfile.Of(new SyntheticTypist(seed).Type(300)))).ToList();

        Assert.True(own.IsComparable);
        Assert.Equal(300, own.Keystrokes);
        Assert.All(others, other => Assert.True(other.Distance > own.Distance, $"another typist at {other.Distance:F2}, the learner at {own.Distance:F2}"));
    }

    [Fact]
    public void Refining_in_steps_or_by_merging_gives_the_profile_built_at_once()
    {
        var typist = new SyntheticTypist(seed: 3);
        var first = typist.Type(150);
        var second = typist.Type(250, startMs: 1e6);
        var atOnce = new FreeTextProfile();
        atOnce.Add(first);
        atOnce.Add(second);
        var merged = FreeTextProfile.Of(first);
        merged.Merge(FreeTextProfile.Of(second));

        Assert.Equal(400, merged.Keystrokes);
        Assert.Equal(atOnce.Timings.Select(t => (t.Feature, t.Count)), merged.Timings.Select(t => (t.Feature, t.Count)));
        foreach (var (a, b) in atOnce.Timings.Zip(merged.Timings))
        {
            Assert.Equal(a.Mean, b.Mean, 1e-9);
            Assert.Equal(a.Sd, b.Sd, 1e-9);
        }
    }

    [Fact]
    public void A_restored_profile_compares_as_the_original()
    {
        var typist = new SyntheticTypist(seed: 4);
        var profile = FreeTextProfile.Of(typist.Type(300));
        var restored = FreeTextProfile.Restore(profile.Alphabet, profile.Keystrokes, profile.Timings);
        var typing = FreeTextProfile.Of(typist.Type(120));

        Assert.Equal(profile.Compare(typing), restored.Compare(typing));
    }

    [Fact]
    public void Holds_and_flights_of_a_learner_thinking_are_not_timings()
    {
        ClassKeystroke[] keys = [new(0, 0, 80), new(1, 5000, 5090), new(2, 5200, 7000), new(3, 5300, 5360)];

        var timings = FreeTextTimings.Of(keys, KeyClasses.Count).ToList();

        Assert.DoesNotContain(timings, t => t.Feature == KeyClasses.Count + (0 * KeyClasses.Count) + 1);
        Assert.DoesNotContain(timings, t => t.Feature == (int)KeyClass.Space);
        Assert.Contains((KeyClasses.Count + (1 * KeyClasses.Count) + 2, 200.0), timings);
        Assert.Contains(((int)KeyClass.Edit, 60.0), timings);
    }

    [Fact]
    public void Typing_that_shares_no_timing_with_the_profile_cannot_be_compared()
    {
        var profile = FreeTextProfile.Of([.. Enumerable.Range(0, 50).Select(i => new ClassKeystroke(0, i * 150.0, (i * 150.0) + 80))]);
        var typing = FreeTextProfile.Of([.. Enumerable.Range(0, 50).Select(i => new ClassKeystroke(4, i * 150.0, (i * 150.0) + 80))]);

        var comparison = profile.Compare(typing);

        Assert.False(comparison.IsComparable);
        Assert.True(double.IsNaN(comparison.Distance));
    }

    [Fact]
    public void Refuses_classes_and_stored_timings_no_profile_can_hold()
    {
        var profile = new FreeTextProfile();

        Assert.Throws<ArgumentOutOfRangeException>(() => profile.Add([new ClassKeystroke(KeyClasses.Count, 0, 50)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => profile.Add([new ClassKeystroke(-1, 0, 50)]));
        Assert.Throws<ArgumentException>(() => FreeTextProfile.Restore(KeyClasses.Count, 10, [new TimingStatistics(KeyClasses.Count * (KeyClasses.Count + 1), 3, 100, 10)]));
        Assert.Throws<ArgumentException>(() => FreeTextProfile.Restore(KeyClasses.Count, 10, [new TimingStatistics(0, 3, double.NaN, 10)]));
        Assert.Throws<ArgumentException>(() => FreeTextProfile.Restore(KeyClasses.Count, 10, [new TimingStatistics(0, 0, 100, 0)]));
        Assert.Throws<ArgumentException>(() => new FreeTextProfile(KeyClasses.Count).Merge(new FreeTextProfile(256)));
    }
}
