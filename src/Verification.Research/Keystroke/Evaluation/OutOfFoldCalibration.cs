using Verification.Matching.Keystroke;
using Verification.Research.Evaluation;

namespace Verification.Research.Keystroke;

/// <summary>
/// Fits the margin-to-LLR calibration on cross-validated margins: the genuine tests against the practised impostors,
/// pooled over the enrollment sizes, so every margin the fit sees came from a model that never saw its subject.
/// </summary>
internal static class OutOfFoldCalibration
{
    public static FusionCalibration Fit(Dictionary<int, SubjectScores[]> outOfFold)
    {
        var genuine = new List<double>();
        var impostor = new List<double>();
        foreach (var scores in outOfFold.Values)
        {
            foreach (var s in scores)
            {
                genuine.AddRange(s.Genuine);
                impostor.AddRange(s.PractisedImpostors);
            }
        }

        return FusionCalibration.Fit(genuine.ToArray(), impostor.ToArray());
    }

    /// <summary>The threshold on LLR that accepts <paramref name="targetFar"/> of the practised impostors at enrollment size <paramref name="n"/>.</summary>
    public static double Threshold(SubjectScores[] scores, FusionCalibration calibration, double targetFar)
    {
        var llrs = new List<double>();
        foreach (var s in scores)
        {
            foreach (var margin in s.PractisedImpostors)
            {
                llrs.Add(calibration.LogLikelihoodRatio(margin));
            }
        }

        return ErrorRates.ThresholdAtFmr(llrs, targetFar);
    }
}
