using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>The single detectors under the paper's protocol: per enrollment size, per detector, the subjects' rates.</summary>
internal static class DetectorEvaluation
{
    public static readonly string[] Names =
    [
        "scaled_manhattan", "outlier_count", "nearest_neighbour_mahalanobis", "mahalanobis",
        "nearest_neighbour_scaled_manhattan", "nearest_neighbour_whitened_manhattan",
    ];

    public static double Pick(DetectorScores s, int detector) => detector switch
    {
        0 => s.ScaledManhattan,
        1 => s.OutlierCount,
        2 => s.NearestNeighbourMahalanobis,
        3 => s.Mahalanobis,
        4 => s.NearestNeighbourScaledManhattan,
        _ => s.NearestNeighbourWhitenedManhattan,
    };

    /// <summary>Returns rates[detector] for one enrollment size and impostor kind; <paramref name="onSubject"/> reports progress.</summary>
    public static SubjectRates[] Run(CmuCorpus corpus, int n, ImpostorKind kind, Action? onSubject = null)
    {
        var rates = new SubjectRates[Names.Length];
        for (var d = 0; d < rates.Length; d++)
        {
            rates[d] = new SubjectRates();
        }

        foreach (var subject in corpus.Subjects)
        {
            var profile = KeystrokeProfile.BuildUnchecked(CmuKeystrokeData.Phrase, CmuProtocol.Enrollment(subject, n));
            var genuine = Score(profile, CmuProtocol.Genuine(subject));
            var impostor = Score(profile, CmuProtocol.Impostors(corpus, subject, kind));
            for (var d = 0; d < rates.Length; d++)
            {
                rates[d].Add(genuine[d], impostor[d]);
            }

            onSubject?.Invoke();
        }

        return rates;
    }

    private static double[][] Score(KeystrokeProfile profile, List<KeystrokeSample> samples)
    {
        var scores = new double[Names.Length][];
        for (var d = 0; d < scores.Length; d++)
        {
            scores[d] = new double[samples.Count];
        }

        for (var i = 0; i < samples.Count; i++)
        {
            var s = profile.Model.Score(samples[i].Features);
            for (var d = 0; d < scores.Length; d++)
            {
                // Detectors give anomaly scores; error rates take similarity.
                scores[d][i] = -Pick(s, d);
            }
        }

        return scores;
    }
}
