using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;
using Verification.Testing;

namespace Verification.Matching.Tests.Keystroke;

/// <summary>
/// The evaluation-only cohort normalisation on the first 8 CMU subjects: a sample is never compared with its author's
/// profile or the claimed one, and always with the same number of profiles (a count that differed between genuine and
/// impostor rows once let the classifier tell them apart in training, which then failed on the test folds).
/// </summary>
public sealed class ScoreCohortTests
{
    private const int SliceSubjects = 8;
    private const int Size = 4;

    private static readonly Lazy<CmuCorpus> Corpus = new(() =>
    {
        var rows = CmuKeystrokeData.Load(Path.Combine(SharedData.RequireDirectory("keystroke"), CmuKeystrokeData.FileName));
        var names = rows.Select(r => r.Subject).Distinct().Order(StringComparer.Ordinal).Take(SliceSubjects).ToHashSet();
        return CmuCorpus.Replay([.. rows.Where(r => names.Contains(r.Subject))]);
    });

    [Fact]
    public void The_author_and_the_claimed_subject_are_never_in_a_samples_cohort()
    {
        var corpus = Corpus.Value;
        var cohort = ScoreCohort.Build(corpus, Size, [10]);
        var claimed = 0;
        var author = 1;
        var profile = Profile(corpus, claimed);
        var sample = corpus.Subjects[author].Samples[300];

        var withThem = Compute(cohort, profile, sample, claimed, [author, claimed, 2, 3, 4, 5, 6, 7]);
        var without = Compute(cohort, profile, sample, claimed, [2, 3, 4, 5]);
        var otherMembers = Compute(cohort, profile, sample, claimed, [3, 4, 5, 6]);

        Assert.Equal(without, withThem);
        Assert.NotEqual(without, otherMembers);
    }

    [Fact]
    public void Genuine_and_impostor_samples_are_compared_with_the_same_number_of_profiles()
    {
        var corpus = Corpus.Value;
        var cohort = ScoreCohort.Build(corpus, Size, [10]);
        int[] everyone = [0, 1, 2, 3, 4, 5, 6, 7];
        var profile = Profile(corpus, 0);
        foreach (var (author, index) in new[] { (0, 250), (0, 390), (3, 250), (6, 120) })
        {
            var share = Compute(cohort, profile, corpus.Subjects[author].Samples[index], 0, everyone)[2] * Size;
            Assert.Equal(Math.Round(share), share, 5);
            Assert.InRange(share, 0, Size);
        }

        // Adding members past the first Size changes nothing.
        var sample = corpus.Subjects[5].Samples[200];
        Assert.Equal(Compute(cohort, profile, sample, 0, [1, 2, 3, 4]), Compute(cohort, profile, sample, 0, everyone));
    }

    [Fact]
    public void A_cohort_too_small_once_the_author_and_claimed_subject_are_left_out_is_refused()
    {
        var corpus = Corpus.Value;
        var cohort = ScoreCohort.Build(corpus, Size, [10]);

        Assert.Throws<InvalidOperationException>(() =>
            Compute(cohort, Profile(corpus, 0), corpus.Subjects[1].Samples[300], 0, [0, 1, 2, 3, 4]));
    }

    [Fact]
    public void Genuine_typings_sit_closer_to_their_profile_than_the_cohort_does_and_impostors_do_not()
    {
        var corpus = Corpus.Value;
        var cohort = ScoreCohort.Build(corpus, Size, [10]);
        int[] everyone = [0, 1, 2, 3, 4, 5, 6, 7];
        var profile = Profile(corpus, 0);
        var genuine = CmuProtocol.Genuine(corpus.Subjects[0]).Select(s => Compute(cohort, profile, s, 0, everyone)[0]).Average();
        var impostor = CmuProtocol.Impostors(corpus, corpus.Subjects[0], ImpostorKind.Practised).Select(s => Compute(cohort, profile, s, 0, everyone)[0]).Average();

        Assert.True(genuine < impostor, $"genuine {genuine}, impostor {impostor}");
    }

    private static KeystrokeProfile Profile(CmuCorpus corpus, int subject) =>
        KeystrokeProfile.BuildUnchecked(CmuKeystrokeData.Phrase, CmuProtocol.Enrollment(corpus.Subjects[subject], 10));

    private static float[] Compute(ScoreCohort cohort, KeystrokeProfile profile, KeystrokeSample sample, int claimed, int[] members)
    {
        var features = new float[ScoreCohort.ExtraFeatures];
        cohort.Compute(profile, sample, claimed, members, features);
        return features;
    }
}
