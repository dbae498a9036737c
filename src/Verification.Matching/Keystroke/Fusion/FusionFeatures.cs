namespace Verification.Matching.Keystroke;

/// <summary>
/// The fusion classifier's input: the detector scores of a sample against a profile, each divided by the number of
/// features (or the Mahalanobis rank) and by how the enrollment samples score, so one model serves phrases of any
/// length and learners of any steadiness. Logs tame the heavy right tails of distance scores.
/// </summary>
internal static class FusionFeatures
{
    private const int DetectorFeatures = 19;

    public const int Count = DetectorFeatures + ShapeFeatures.Count;

    private const double Floor = 1e-6;
    private const double ExtremeZ = 3.0;

    public static void Compute(KeystrokeProfile profile, KeystrokeSample sample, Span<float> destination) =>
        Compute(profile, sample.Features, profile.Model.Score(sample.Features), destination);

    public static void Compute(KeystrokeProfile profile, ReadOnlySpan<double> x, DetectorScores scores, Span<float> destination)
    {
        var model = profile.Model;
        var enrollment = profile.Enrollment;
        var p = model.FeatureCount;
        var rank = Math.Max(model.Rank, 1);
        double holdSm = 0, udSm = 0, recentSm = 0, ddZ = 0, extreme = 0, dd = 0, hold = 0;
        int holds = 0, uds = 0, dds = 0;
        for (var j = 0; j < p; j++)
        {
            var diff = x[j] - model.Mean[j];
            var sm = Math.Abs(diff) / model.MeanAbsoluteDeviation[j];
            recentSm += Math.Abs(x[j] - model.RecentMean[j]) / model.MeanAbsoluteDeviation[j];
            var z = diff / model.StandardDeviation[j];
            extreme += Math.Abs(z) > ExtremeZ ? 1 : 0;
            if (KeystrokeFeatures.IsHold(j))
            {
                holdSm += sm;
                hold += x[j];
                holds++;
            }
            else if (KeystrokeFeatures.IsDownDown(j))
            {
                ddZ += z;
                dd += x[j];
                dds++;
            }
            else
            {
                udSm += sm;
                uds++;
            }
        }

        destination[0] = (float)(scores.ScaledManhattan / p);
        destination[1] = LogRatio(scores.ScaledManhattan, enrollment.ScaledManhattan);
        destination[2] = (float)(scores.OutlierCount / p);
        destination[3] = (float)Math.Log(Floor + (scores.NearestNeighbourMahalanobis / rank));
        destination[4] = LogRatio(scores.NearestNeighbourMahalanobis, enrollment.NearestNeighbourLeaveOneOut);
        destination[5] = (float)Math.Log(Floor + (scores.Mahalanobis / rank));
        destination[6] = dds == 0 ? 0f : LogRatio(dd, enrollment.TotalDownDown);
        destination[7] = LogRatio(hold / holds, enrollment.MeanHold);
        destination[8] = (float)(extreme / p);
        destination[9] = (float)Math.Log(model.Count);
        destination[10] = (float)(holdSm / holds);
        destination[11] = uds == 0 ? 0f : (float)(udSm / uds);
        destination[12] = dds == 0 ? 0f : (float)(ddZ / dds);
        destination[13] = (float)(scores.NearestNeighbourScaledManhattan / p);
        destination[14] = LogRatio(scores.NearestNeighbourScaledManhattan, enrollment.NearestScaledManhattanLeaveOneOut);
        destination[15] = (float)(scores.NearestNeighbourWhitenedManhattan / rank);
        destination[16] = LogRatio(scores.NearestNeighbourWhitenedManhattan, enrollment.NearestWhitenedManhattanLeaveOneOut);
        destination[17] = (float)(recentSm / p);
        destination[18] = LogRatio(recentSm, scores.ScaledManhattan);
        ShapeFeatures.Compute(model, x, destination[DetectorFeatures..]);
    }

    private static float LogRatio(double value, double reference) =>
        (float)Math.Log((Math.Max(value, 0) + Floor) / (Math.Max(reference, 0) + Floor));
}
