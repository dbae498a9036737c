using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>
/// Subject-disjoint cross-validation of a fusion classifier: subjects are dealt into folds by their sorted index;
/// each fold's subjects are scored by a model trained only on the other folds' subjects, under the CMU protocol.
/// </summary>
internal static class FusionCrossValidation
{
    public const int Folds = 5;

    /// <summary>Margins per enrollment size, one entry per subject in corpus order.</summary>
    public static Dictionary<int, SubjectScores[]> Run(CmuCorpus corpus, FusionFeatureKind kind, IReadOnlyList<int> sizes, Action<string>? progress = null, ScoreCohort? cohort = null)
    {
        var subjects = corpus.Subjects;
        var result = new Dictionary<int, SubjectScores[]>();
        foreach (var n in sizes)
        {
            result[n] = new SubjectScores[subjects.Count];
        }

        var baseWidth = FusionFeatureKinds.Count(kind);
        var width = baseWidth + (cohort is null ? 0 : ScoreCohort.ExtraFeatures);
        for (var fold = 0; fold < Folds; fold++)
        {
            var training = new List<CmuSubject>();
            for (var i = 0; i < subjects.Count; i++)
            {
                if (i % Folds != fold)
                {
                    training.Add(subjects[i]);
                }
            }

            progress?.Invoke($"fold {fold + 1}/{Folds}: training");
            var model = FusionTrainer.Train(FusionTrainingSet.Build(training, kind, cohort), width);
            var cohortIndices = cohort?.IndicesOf(training);
            progress?.Invoke($"fold {fold + 1}/{Folds}: scoring");
            var buffer = new float[width];
            for (var i = fold; i < subjects.Count; i += Folds)
            {
                var subject = subjects[i];
                var genuine = CmuProtocol.Genuine(subject);
                var paper = CmuProtocol.Impostors(corpus, subject, ImpostorKind.Paper);
                var practised = CmuProtocol.Impostors(corpus, subject, ImpostorKind.Practised);
                foreach (var n in sizes)
                {
                    var profile = KeystrokeProfile.BuildUnchecked(CmuKeystrokeData.Phrase, CmuProtocol.Enrollment(subject, n));
                    result[n][i] = new SubjectScores(
                        subject.Name,
                        Score(model, kind, profile, genuine, buffer, cohort, i, cohortIndices),
                        Score(model, kind, profile, paper, buffer, cohort, i, cohortIndices),
                        Score(model, kind, profile, practised, buffer, cohort, i, cohortIndices));
                }
            }
        }

        return result;
    }

    /// <summary>EER and zero-miss rates over subjects.</summary>
    public static SubjectRates Rates(SubjectScores[] scores, ImpostorKind kind)
    {
        var rates = new SubjectRates();
        foreach (var s in scores)
        {
            rates.Add(s.Genuine, s.Impostors(kind));
        }

        return rates;
    }

    private static double[] Score(FusionModel model, FusionFeatureKind kind, KeystrokeProfile profile, List<KeystrokeSample> samples, float[] buffer,
        ScoreCohort? cohort, int claimed, int[]? cohortIndices)
    {
        var scores = new double[samples.Count];
        var baseWidth = FusionFeatureKinds.Count(kind);
        for (var i = 0; i < samples.Count; i++)
        {
            FusionFeatureKinds.Compute(kind, profile, samples[i], buffer);
            cohort?.Compute(profile, samples[i], claimed, cohortIndices!, buffer.AsSpan(baseWidth));
            scores[i] = model.Score(buffer);
        }

        return scores;
    }
}
