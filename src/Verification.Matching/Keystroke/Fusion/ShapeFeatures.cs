namespace Verification.Matching.Keystroke;

/// <summary>
/// Fusion features that ignore speed or resist the enrollment's outliers: the correlation of the sample's holds,
/// up-downs and down-downs with the profile's medians (practice makes a learner faster but keeps which keys are slow),
/// the robust |z| order statistics against the enrollment's own, and how much of the sample lies outside the
/// enrollment's range. All are correlations, shares or ratios, so they do not depend on the phrase's length.
/// </summary>
internal static class ShapeFeatures
{
    public const int Count = 3 + RobustProfile.OrderStatisticCount + 2;

    private const double Floor = 1e-6;
    private const int MinimumCorrelated = 3;

    public static void Compute(ProfileModel model, ReadOnlySpan<double> x, Span<float> destination)
    {
        var robust = model.Robust;
        destination[0] = (float)Correlation(x, robust.Median, KeystrokeFeatures.IsHold);
        destination[1] = (float)Correlation(x, robust.Median, KeystrokeFeatures.IsUpDown);
        destination[2] = (float)Correlation(x, robust.Median, KeystrokeFeatures.IsDownDown);

        Span<double> statistics = stackalloc double[RobustProfile.OrderStatisticCount];
        robust.OrderStatistics(x, leaveOut: false, statistics);
        for (var k = 0; k < statistics.Length; k++)
        {
            destination[3 + k] = (float)Math.Log((statistics[k] + Floor) / (robust.EnrollmentOrderStatistics[k] + Floor));
        }

        double outside = 0, beyond = 0;
        for (var j = 0; j < x.Length; j++)
        {
            var distance = Math.Max(robust.Minimum(j) - x[j], x[j] - robust.Maximum(j));
            if (distance > 0)
            {
                outside++;
                beyond += distance / model.MeanAbsoluteDeviation[j];
            }
        }

        destination[3 + statistics.Length] = (float)(outside / x.Length);
        destination[4 + statistics.Length] = (float)(beyond / x.Length);
    }

    /// <summary>Pearson correlation over the features of one kind; 0 when fewer than three or either side is flat.</summary>
    private static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Func<int, bool> ofKind)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        var k = 0;
        for (var j = 0; j < x.Length; j++)
        {
            if (ofKind(j))
            {
                sx += x[j];
                sy += y[j];
                sxx += x[j] * x[j];
                syy += y[j] * y[j];
                sxy += x[j] * y[j];
                k++;
            }
        }

        if (k < MinimumCorrelated)
        {
            return 0;
        }

        var covariance = sxy - (sx * sy / k);
        var vx = sxx - (sx * sx / k);
        var vy = syy - (sy * sy / k);
        return vx <= 1e-12 || vy <= 1e-12 ? 0 : covariance / Math.Sqrt(vx * vy);
    }
}
