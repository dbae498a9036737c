using System.Buffers.Binary;
using System.Text;
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

    [Fact]
    public void Refining_keeps_the_enrollment_first_and_unchanged_and_appends_the_typings_in_order()
    {
        var enrollment = Samples("abc", 10, seed: 1);
        var profile = KeystrokeProfile.Build("abc", enrollment);
        var first = Samples("abc", 3, seed: 2, pace: 1.2);
        var second = Samples("abc", 2, seed: 3, pace: 1.3);

        var refined = profile.Refine(first).Refine(second);

        Assert.False(profile.IsRefined);
        Assert.Equal(10, profile.SampleCount);
        Assert.True(refined.IsRefined);
        Assert.Equal(10, refined.EnrollmentCount);
        Assert.Equal(15, refined.SampleCount);
        Assert.Equal(Features([.. enrollment, .. first, .. second]), RowsOf(refined));
    }

    [Fact]
    public void Refining_past_the_cap_drops_the_oldest_refinements_and_never_the_enrollment()
    {
        var enrollment = Samples("abc", 10, seed: 1);
        var sessions = Enumerable.Range(0, 6).Select(i => Samples("abc", 8, seed: 10 + i, pace: 1 + (i / 10.0))).ToList();

        var refined = sessions.Aggregate(KeystrokeProfile.Build("abc", enrollment), (profile, typings) => profile.Refine(typings));

        Assert.Equal(10 + KeystrokeProfile.MaximumRefinementSamples, refined.SampleCount);
        Assert.Equal(10, refined.EnrollmentCount);
        Assert.Equal(Features([.. enrollment, .. sessions.Skip(1).SelectMany(s => s)]), RowsOf(refined));
    }

    [Fact]
    public void One_refinement_larger_than_the_cap_keeps_its_most_recent_typings()
    {
        var enrollment = Samples("abc", 10, seed: 1);
        var typings = Samples("abc", KeystrokeProfile.MaximumRefinementSamples + 5, seed: 2, pace: 1.1);

        var refined = KeystrokeProfile.Build("abc", enrollment).Refine(Samples("abc", 4, seed: 3)).Refine(typings);

        Assert.Equal(Features([.. enrollment, .. typings.Skip(5)]), RowsOf(refined));
    }

    [Fact]
    public void Refining_refuses_typings_of_another_phrase()
    {
        var profile = KeystrokeProfile.Build("abc", Samples("abc", 10, seed: 1));
        var typings = Samples("abc", 3, seed: 2);
        typings[1] = Samples("abd", 1, seed: 3)[0];

        Assert.Throws<ArgumentException>(() => profile.Refine(typings));
        Assert.Throws<ArgumentException>(() => profile.Refine(Samples("abcd", 1, seed: 4)));
    }

    [Fact]
    public void A_refined_profile_round_trips_through_bytes_with_its_enrollment_count()
    {
        var refined = KeystrokeProfile.Build("abc", Samples("abc", 10, seed: 1)).Refine(Samples("abc", 4, seed: 2));
        var probe = Samples("abc", 1, seed: 3)[0];

        var copy = KeystrokeProfile.FromBytes(refined.ToBytes());

        Assert.Equal(10, copy.EnrollmentCount);
        Assert.Equal(14, copy.SampleCount);
        Assert.True(copy.IsRefined);
        Assert.Equal(RowsOf(refined), RowsOf(copy));
        Assert.Equal(refined.Model.Score(probe.Features), copy.Model.Score(probe.Features));
    }

    [Fact]
    public void Reads_the_first_format_as_a_profile_of_enrollment_typings_only()
    {
        var enrollment = Samples("I, Ada", 10, seed: 1);
        var features = Features(enrollment);

        var profile = KeystrokeProfile.FromBytes(FirstFormat("I, Ada", 10, features));

        Assert.Equal("I, Ada", profile.Phrase);
        Assert.Equal(10, profile.SampleCount);
        Assert.Equal(10, profile.EnrollmentCount);
        Assert.False(profile.IsRefined);
        Assert.Equal(features, RowsOf(profile));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Refuses_bytes_whose_enrollment_count_does_not_fit_the_profile(int enrollmentCount)
    {
        var bytes = KeystrokeProfile.Build("abc", Samples("abc", 10, seed: 1)).Refine(Samples("abc", 4, seed: 2)).ToBytes();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(9 + 3 + 8), enrollmentCount);

        Assert.Throws<FormatException>(() => KeystrokeProfile.FromBytes(bytes));
    }

    [Fact]
    public void Refuses_second_format_bytes_without_their_enrollment_count_or_cut_short()
    {
        var profile = KeystrokeProfile.Build("abc", Samples("abc", 10, seed: 1));
        var withoutCount = FirstFormat("abc", 10, RowsOf(profile));
        withoutCount[4] = 2;
        var bytes = profile.ToBytes();

        Assert.Throws<FormatException>(() => KeystrokeProfile.FromBytes(withoutCount));
        Assert.Throws<FormatException>(() => KeystrokeProfile.FromBytes(bytes.AsSpan(0, 9 + 3 + 10)));
        Assert.Throws<FormatException>(() => KeystrokeProfile.FromBytes(bytes.AsSpan(0, bytes.Length - sizeof(double))));
    }

    private static double[] Features(IEnumerable<KeystrokeSample> samples) => [.. samples.SelectMany(s => s.Features.ToArray())];

    private static double[] RowsOf(KeystrokeProfile profile) => profile.Model.Rows;

    /// <summary>Bytes as the first format wrote them: magic, version 1, phrase, count, feature count, rows; no enrollment count.</summary>
    private static byte[] FirstFormat(string phrase, int count, double[] rows)
    {
        var text = Encoding.UTF8.GetBytes(phrase);
        var bytes = new byte[4 + 1 + 4 + text.Length + 4 + 4 + (rows.Length * sizeof(double))];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x3150_4B56);
        bytes[4] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(5), text.Length);
        text.CopyTo(bytes, 9);
        var at = 9 + text.Length;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), count);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 4), rows.Length / count);
        at += 8;
        foreach (var value in rows)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), value);
            at += sizeof(double);
        }

        return bytes;
    }
}
