namespace Verification.Matching.Keystroke;

/// <summary>
/// How the enrollment vectors score against their own profile. Dividing a test score by these turns an absolute
/// distance into "how unusual for this learner", which lets one user-independent classifier serve typists who are
/// naturally steady and typists who are naturally erratic.
/// </summary>
internal sealed record EnrollmentStatistics(
    double ScaledManhattan,
    double NearestNeighbourLeaveOneOut,
    double NearestScaledManhattanLeaveOneOut,
    double NearestWhitenedManhattanLeaveOneOut,
    double TotalDownDown,
    double MeanHold)
{
    public static EnrollmentStatistics Measure(ProfileModel model)
    {
        double sm = 0, nn = 0, nnSm = 0, nnWm = 0;
        var p = model.FeatureCount;
        for (var i = 0; i < model.Count; i++)
        {
            var row = model.Rows.AsSpan(i * p, p);
            var scores = model.Score(row, exclude: i);
            sm += scores.ScaledManhattan;
            nn += scores.NearestNeighbourMahalanobis;
            nnSm += scores.NearestNeighbourScaledManhattan;
            nnWm += scores.NearestNeighbourWhitenedManhattan;
        }

        double dd = 0, hold = 0;
        var keys = 0;
        for (var j = 0; j < p; j++)
        {
            if (KeystrokeFeatures.IsDownDown(j))
            {
                dd += model.Mean[j];
            }
            else if (KeystrokeFeatures.IsHold(j))
            {
                hold += model.Mean[j];
                keys++;
            }
        }

        var n = model.Count;
        return new EnrollmentStatistics(sm / n, nn / n, nnSm / n, nnWm / n, dd, hold / keys);
    }
}
