using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>
/// Genuine and impostor rows from the training subjects only, for user-independent training.
/// Nothing here ever uses a repetition <see cref="CmuSubject.IsReservedForTesting"/> (session 1 or 5, reps 1–5),
/// either as an enrollment sample or as a scored sample. Impostor rows come from every session (reps 6–8), so the
/// classifier sees practised impostors as often as novices and has to use the profile to tell them apart.
/// </summary>
internal static class FusionTrainingSet
{
    public static readonly int[] EnrollmentSizes = [10, 25, 50, 100, 200];

    private const int GenuineStride = 2;
    private const int FirstImpostorRep = 6;
    private const int LastImpostorRep = 8;

    public static List<FusionRow> Build(IReadOnlyList<CmuSubject> subjects, FusionFeatureKind kind, ScoreCohort? cohort = null)
    {
        var rows = new List<FusionRow>();
        var width = FusionFeatureKinds.Count(kind) + (cohort is null ? 0 : ScoreCohort.ExtraFeatures);
        var cohortIndices = cohort?.IndicesOf(subjects);
        foreach (var subject in subjects)
        {
            var enrollmentPool = new List<KeystrokeSample>();
            var genuine = new List<KeystrokeSample>();
            for (var i = 0; i < subject.Samples.Length; i++)
            {
                if (subject.IsReservedForTesting(i))
                {
                    continue;
                }

                if (subject.Sessions[i] <= 4)
                {
                    enrollmentPool.Add(subject.Samples[i]);
                }
                else if (i % GenuineStride == 0)
                {
                    genuine.Add(subject.Samples[i]);
                }
            }

            var impostors = Impostors(subjects, subject);
            foreach (var n in EnrollmentSizes)
            {
                var profile = KeystrokeProfile.BuildUnchecked(CmuKeystrokeData.Phrase, enrollmentPool[..Math.Min(n, enrollmentPool.Count)]);
                var genuineWeight = 0.5f * (genuine.Count + impostors.Count) / genuine.Count;
                var impostorWeight = 0.5f * (genuine.Count + impostors.Count) / impostors.Count;
                var claimed = cohort?.IndexOf(subject) ?? -1;
                Add(rows, kind, width, profile, genuine, label: true, genuineWeight, cohort, claimed, cohortIndices);
                Add(rows, kind, width, profile, impostors, label: false, impostorWeight, cohort, claimed, cohortIndices);
            }
        }

        return rows;
    }

    private static List<KeystrokeSample> Impostors(IReadOnlyList<CmuSubject> subjects, CmuSubject genuine)
    {
        var list = new List<KeystrokeSample>();
        foreach (var other in subjects)
        {
            if (ReferenceEquals(other, genuine))
            {
                continue;
            }

            for (var i = 0; i < other.Samples.Length; i++)
            {
                if (!other.IsReservedForTesting(i) && other.Reps[i] >= FirstImpostorRep && other.Reps[i] <= LastImpostorRep)
                {
                    list.Add(other.Samples[i]);
                }
            }
        }

        return list;
    }

    private static void Add(List<FusionRow> rows, FusionFeatureKind kind, int width, KeystrokeProfile profile,
        List<KeystrokeSample> samples, bool label, float weight, ScoreCohort? cohort, int claimed, int[]? cohortIndices)
    {
        var baseWidth = FusionFeatureKinds.Count(kind);
        foreach (var sample in samples)
        {
            var features = new float[width];
            FusionFeatureKinds.Compute(kind, profile, sample, features);
            cohort?.Compute(profile, sample, claimed, cohortIndices!, features.AsSpan(baseWidth));
            rows.Add(new FusionRow { Features = features, Label = label, Weight = weight });
        }
    }
}
