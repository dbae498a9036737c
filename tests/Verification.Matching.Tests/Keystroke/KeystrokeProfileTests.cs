using Verification.Matching.Keystroke;

namespace Verification.Matching.Tests.Keystroke;

public sealed class KeystrokeProfileTests
{
    internal static List<KeystrokeSample> Samples(string phrase, int count, int seed, double pace = 1.0)
    {
        var random = new Random(seed);
        var samples = new List<KeystrokeSample>();
        for (var s = 0; s < count; s++)
        {
            var keys = new List<(string, double, double)>();
            var t = 1_000.0;
            for (var i = 0; i < phrase.Length; i++)
            {
                var hold = ((70 + (10 * (i % 3))) * pace) + (random.NextDouble() * 15);
                keys.Add((phrase[i] == '\n' ? "Enter" : phrase[i].ToString(), t, t + hold));
                t += ((120 + (25 * (i % 4))) * pace) + (random.NextDouble() * 30);
            }

            samples.Add(Typing.Sample(phrase, Typing.Keys([.. keys])));
        }

        return samples;
    }

    [Fact]
    public void Round_trips_through_bytes_and_scores_the_same()
    {
        var samples = Samples("I, Ada Lovelace", 12, seed: 1);
        var profile = KeystrokeProfile.Build("I, Ada Lovelace", samples);
        var probe = Samples("I, Ada Lovelace", 1, seed: 2)[0];

        var copy = KeystrokeProfile.FromBytes(profile.ToBytes());

        Assert.Equal(profile.Phrase, copy.Phrase);
        Assert.Equal(12, copy.SampleCount);
        Assert.Equal(profile.Model.Score(probe.Features), copy.Model.Score(probe.Features));
    }

    [Fact]
    public void Refuses_fewer_samples_than_the_minimum_enrollment() =>
        Assert.Throws<ArgumentException>(() => KeystrokeProfile.Build("abc", Samples("abc", KeystrokeProfile.MinimumEnrollmentSamples - 1, seed: 1)));

    [Fact]
    public void Refuses_samples_of_another_phrase()
    {
        var samples = Samples("abc", KeystrokeProfile.MinimumEnrollmentSamples, seed: 1);
        samples[3] = Samples("abd", 1, seed: 2)[0];

        Assert.Throws<ArgumentException>(() => KeystrokeProfile.Build("abc", samples));
    }

    [Fact]
    public void Refuses_bytes_that_are_not_a_profile()
    {
        var bytes = KeystrokeProfile.Build("abc", Samples("abc", 10, seed: 1)).ToBytes();

        Assert.Throws<FormatException>(() => KeystrokeProfile.FromBytes(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.Throws<FormatException>(() => KeystrokeProfile.FromBytes([1, 2, 3]));
    }
}
