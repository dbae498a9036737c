using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;
using Verification.Testing;

namespace Verification.Matching.Tests.Keystroke;

public sealed class KeystrokeVerifierTests
{
    private const string Phrase = "I, Ada Lovelace, certify that the work I submit is my own";

    private static readonly KeystrokeVerifier Verifier =
        KeystrokeVerifier.Load(Path.Combine(RepositoryPaths.Models, "keystroke"), new KeystrokeOptions());

    [Fact]
    public void Scores_the_same_from_many_threads_as_from_one()
    {
        var profile = KeystrokeProfile.Build(Phrase, KeystrokeProfileTests.Samples(Phrase, 12, seed: 1));
        var probes = KeystrokeProfileTests.Samples(Phrase, 40, seed: 2);
        probes.AddRange(KeystrokeProfileTests.Samples(Phrase, 40, seed: 3, pace: 1.6));
        var expected = probes.Select(p => Verifier.Score(profile, p)).ToArray();

        var actual = new KeystrokeScore[probes.Count * 25];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Verifier.Score(profile, probes[i % probes.Count]));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % probes.Count], actual[i]);
        }
    }

    [Fact]
    public void Gives_the_enrolled_rhythm_a_higher_likelihood_ratio_than_a_different_one()
    {
        var profile = KeystrokeProfile.Build(Phrase, KeystrokeProfileTests.Samples(Phrase, 20, seed: 1));
        var same = KeystrokeProfileTests.Samples(Phrase, 30, seed: 4).Average(p => Verifier.Score(profile, p).LogLikelihoodRatio);
        var slower = KeystrokeProfileTests.Samples(Phrase, 30, seed: 5, pace: 1.8).Average(p => Verifier.Score(profile, p).LogLikelihoodRatio);

        Assert.True(same > slower, $"same rhythm {same:0.00}, slower rhythm {slower:0.00}");
    }

    [Fact]
    public void Reports_a_calibrated_probability_consistent_with_its_likelihood_ratio_and_threshold()
    {
        var options = new KeystrokeOptions();
        var profile = KeystrokeProfile.Build(Phrase, KeystrokeProfileTests.Samples(Phrase, 12, seed: 1));

        var score = Verifier.Score(profile, KeystrokeProfileTests.Samples(Phrase, 1, seed: 9)[0]);

        Assert.Equal(1 / (1 + Math.Exp(-score.LogLikelihoodRatio)), score.GenuineProbability, 1e-12);
        Assert.Equal(score.LogLikelihoodRatio >= options.AcceptThreshold, score.Accepted);
        Assert.Equal(options.TargetFalseAcceptRate, score.FalseAcceptRate);
    }

    [Fact]
    public void Refuses_a_sample_of_another_phrase()
    {
        var profile = KeystrokeProfile.Build("abc", KeystrokeProfileTests.Samples("abc", 10, seed: 1));

        Assert.Throws<ArgumentException>(() => Verifier.Score(profile, KeystrokeProfileTests.Samples("abd", 1, seed: 2)[0]));
    }

    [Fact]
    public void Separates_cmu_typists_replayed_through_the_whole_pipeline()
    {
        var directory = SharedData.RequireDirectory("keystroke");
        var rows = CmuKeystrokeData.Load(Path.Combine(directory, CmuKeystrokeData.FileName));
        var samples = rows.GroupBy(r => r.Subject).Take(4).ToDictionary(
            g => g.Key,
            g => g.Select(r => Typing.Sample(CmuKeystrokeData.Phrase, CmuKeystrokeData.ToEvents(r))).ToList());
        var names = samples.Keys.ToArray();
        var profile = KeystrokeProfile.Build(CmuKeystrokeData.Phrase, samples[names[0]].Take(50).ToList());

        var genuine = samples[names[0]].Skip(300).Average(s => Verifier.Score(profile, s).GenuineProbability);
        var impostor = names.Skip(1).SelectMany(n => samples[n].Skip(300)).Average(s => Verifier.Score(profile, s).GenuineProbability);

        Assert.True(genuine > impostor + 0.2, $"genuine {genuine:0.000}, impostor {impostor:0.000}");
    }
}
