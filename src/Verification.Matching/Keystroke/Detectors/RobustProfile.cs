namespace Verification.Matching.Keystroke;

/// <summary>
/// Per-feature median, MAD and range of the enrollment: robust to the slow or interrupted typings an enrollment holds.
/// The order statistics of a sample's robust |z| are compared with those of the enrollment's own typings, each scored
/// against the others (leave-one-out median).
/// </summary>
internal sealed class RobustProfile
{
    public const int OrderStatisticCount = 4;

    private const double MinimumSpreadSeconds = 1e-3;
    private const double MadToSd = 1.4826;

    private readonly double[][] _sorted;

    public RobustProfile(double[] rows, int n, int p)
    {
        FeatureCount = p;
        Median = new double[p];
        Spread = new double[p];
        _sorted = new double[p][];
        var distances = new double[n];
        for (var j = 0; j < p; j++)
        {
            var column = new double[n];
            for (var i = 0; i < n; i++)
            {
                column[i] = rows[(i * p) + j];
            }

            Array.Sort(column);
            _sorted[j] = column;
            Median[j] = MedianOfSorted(column);
            for (var i = 0; i < n; i++)
            {
                distances[i] = Math.Abs(column[i] - Median[j]);
            }

            Array.Sort(distances);
            Spread[j] = Math.Max(MadToSd * MedianOfSorted(distances), MinimumSpreadSeconds);
        }

        EnrollmentOrderStatistics = new double[OrderStatisticCount];
        Span<double> statistics = stackalloc double[OrderStatisticCount];
        for (var i = 0; i < n; i++)
        {
            OrderStatistics(rows.AsSpan(i * p, p), leaveOut: true, statistics);
            for (var k = 0; k < OrderStatisticCount; k++)
            {
                EnrollmentOrderStatistics[k] += statistics[k] / n;
            }
        }
    }

    public int FeatureCount { get; }

    public double[] Median { get; }

    /// <summary>1.4826 × the median absolute deviation (the sd of a normal), at least a millisecond.</summary>
    public double[] Spread { get; }

    /// <summary>The enrollment typings' mean <see cref="OrderStatistics"/>, each scored leave-one-out.</summary>
    public double[] EnrollmentOrderStatistics { get; }

    public double Minimum(int feature) => _sorted[feature][0];

    public double Maximum(int feature) => _sorted[feature][^1];

    /// <summary>
    /// Median, 75th and 90th percentile and maximum over features of |x − median| / spread; <paramref name="leaveOut"/>
    /// for an enrollment typing, whose own value leaves the median.
    /// </summary>
    public void OrderStatistics(ReadOnlySpan<double> x, bool leaveOut, Span<double> destination)
    {
        var p = FeatureCount;
        Span<double> z = stackalloc double[p];
        for (var j = 0; j < p; j++)
        {
            var center = leaveOut ? MedianWithout(_sorted[j], x[j]) : Median[j];
            z[j] = Math.Abs(x[j] - center) / Spread[j];
        }

        z.Sort();
        destination[0] = Quantile(z, 0.5);
        destination[1] = Quantile(z, 0.75);
        destination[2] = Quantile(z, 0.9);
        destination[3] = z[p - 1];
    }

    private static double MedianOfSorted(ReadOnlySpan<double> sorted) => Quantile(sorted, 0.5);

    private static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static double MedianWithout(double[] sorted, double removed)
    {
        var at = Array.BinarySearch(sorted, removed);
        if (at < 0)
        {
            at = ~at;
        }

        var m = sorted.Length - 1;
        double Kept(int t) => sorted[t < at ? t : t + 1];
        return m % 2 == 1 ? Kept(m / 2) : 0.5 * (Kept((m / 2) - 1) + Kept(m / 2));
    }
}
