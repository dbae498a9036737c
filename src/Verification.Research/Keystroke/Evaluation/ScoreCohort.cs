using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>
/// Test-sample score normalisation (T-norm) against a cohort of other people's profiles: how far a sample is from the
/// claimed profile compared with how far it is from other people's profiles of the same size. A sample is never compared with its author's
/// cohort profile nor the claimed subject's, only subjects the caller names (the training fold) are in the cohort, and
/// every sample is compared with exactly <see cref="Size"/> of them. Evaluation only: the cohort is CMU typing, which
/// may not be shipped.
/// </summary>
internal sealed class ScoreCohort
{
    public const int ExtraFeatures = 3;

    private const double Floor = 1e-6;

    private readonly Dictionary<KeystrokeSample, int> _author = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CmuSubject, int> _index = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, Dictionary<KeystrokeSample, double[]>> _logDistances = [];

    private ScoreCohort(CmuCorpus corpus, int size, IEnumerable<int> enrollmentSizes)
    {
        Size = size;
        var subjects = corpus.Subjects;
        for (var s = 0; s < subjects.Count; s++)
        {
            _index[subjects[s]] = s;
            foreach (var sample in subjects[s].Samples)
            {
                _author[sample] = s;
            }
        }

        foreach (var n in enrollmentSizes.Distinct())
        {
            var models = subjects.Select(s => KeystrokeProfile.BuildUnchecked(CmuKeystrokeData.Phrase, CohortTypings(s, n)).Model).ToArray();
            var table = new Dictionary<KeystrokeSample, double[]>(ReferenceEqualityComparer.Instance);
            foreach (var subject in subjects)
            {
                foreach (var sample in subject.Samples)
                {
                    var logs = new double[subjects.Count];
                    for (var c = 0; c < subjects.Count; c++)
                    {
                        logs[c] = LogScaledManhattan(models[c].Mean, models[c].MeanAbsoluteDeviation, sample.Features);
                    }

                    table[sample] = logs;
                }
            }

            // A profile of "200" training typings holds the 195 that are not reserved; key by what the profiles hold.
            _logDistances[CohortTypings(subjects[0], n).Count] = table;
        }
    }

    /// <summary>How many cohort profiles every sample is compared with; a count that differed between genuine and impostor rows would tell them apart.</summary>
    public int Size { get; }

    public static ScoreCohort Build(CmuCorpus corpus, int size, IEnumerable<int> enrollmentSizes) => new(corpus, size, enrollmentSizes);

    public int IndexOf(CmuSubject subject) => _index[subject];

    public int[] IndicesOf(IReadOnlyList<CmuSubject> subjects) => [.. subjects.Select(IndexOf)];

    /// <summary>
    /// Writes the T-normed scaled Manhattan of <paramref name="sample"/> against the claimed profile: the log distance
    /// minus the mean log distance to the first <see cref="Size"/> cohort profiles, that over their sd, and the share of
    /// them that is closer.
    /// </summary>
    /// <remarks>The cohort profiles have the largest size built that is not above the claimed profile's.</remarks>
    public void Compute(KeystrokeProfile profile, KeystrokeSample sample, int claimed, IReadOnlyList<int> cohort, Span<float> destination)
    {
        var author = _author[sample];
        var logs = _logDistances[_logDistances.Keys.Where(k => k <= profile.SampleCount).Max()][sample];
        var own = LogScaledManhattan(profile.Model.Mean, profile.Model.MeanAbsoluteDeviation, sample.Features);
        double total = 0, squares = 0;
        int count = 0, closer = 0;
        foreach (var c in cohort)
        {
            if (c == author || c == claimed)
            {
                continue;
            }

            total += logs[c];
            squares += logs[c] * logs[c];
            closer += logs[c] < own ? 1 : 0;
            if (++count == Size)
            {
                break;
            }
        }

        if (count < Size)
        {
            throw new InvalidOperationException($"The cohort has {count} profiles besides the author's and the claimed one; {Size} are needed.");
        }

        var mean = total / count;
        var sd = Math.Sqrt(Math.Max((squares / count) - (mean * mean), 1e-6));
        destination[0] = (float)(own - mean);
        destination[1] = (float)((own - mean) / sd);
        destination[2] = (float)closer / count;
    }

    /// <summary>
    /// A cohort profile is built like the claimed one, from a subject's first <paramref name="n"/> typings, skipping
    /// those reserved for testing (so at most 195). Built from later typings instead (sessions 2–4), it made novice
    /// impostors look closer to a small novice profile than to practised typists, and cost the paper protocol 0.017 at N = 10.
    /// </summary>
    private static List<KeystrokeSample> CohortTypings(CmuSubject subject, int n)
    {
        var list = new List<KeystrokeSample>();
        for (var i = 0; i < subject.Samples.Length && subject.Sessions[i] <= 4 && list.Count < n; i++)
        {
            if (!subject.IsReservedForTesting(i))
            {
                list.Add(subject.Samples[i]);
            }
        }

        return list;
    }

    private static double LogScaledManhattan(double[] mean, double[] spread, ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (var j = 0; j < x.Length; j++)
        {
            sum += Math.Abs(x[j] - mean[j]) / spread[j];
        }

        return Math.Log(Floor + (sum / x.Length));
    }
}
