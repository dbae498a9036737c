using System.Buffers;
using System.Numerics.Tensors;

namespace Verification.Matching.Keystroke;

/// <summary>
/// What the detectors learn from the enrollment vectors (n × p, row-major), and the detectors themselves, as
/// Killourhy &amp; Maxion (DSN 2009, Sec. 5) describe them:
/// scaled Manhattan (L1 to the mean, each feature over its mean absolute deviation), outlier count (features
/// with |z| &gt; 1.96), Mahalanobis (to the mean) and nearest-neighbour Mahalanobis (to the closest enrollment
/// vector), both through the ginv-style pseudo-inverse.
/// </summary>
internal sealed class ProfileModel
{
    /// <summary>Above this rank the projection buffer comes from the pool instead of the stack.</summary>
    private const int StackRankLimit = 256;

    /// <summary>
    /// A feature that never varied in enrollment would make any change infinitely anomalous. Browsers report time
    /// in steps of 0.1–1 ms, so spreads below a millisecond are measurement, not behaviour.
    /// </summary>
    private const double MinimumSpreadSeconds = 1e-3;

    private const double OutlierZ = 1.96;

    private const int MinimumRecentSamples = 5;

    private readonly double[] _projectedRows;
    private readonly double[] _projectedMean;
    private readonly double[] _whitener;

    public ProfileModel(double[] rows, int n, int p)
    {
        Rows = rows;
        Count = n;
        FeatureCount = p;
        Mean = new double[p];
        MeanAbsoluteDeviation = new double[p];
        StandardDeviation = new double[p];
        for (var j = 0; j < p; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += rows[(i * p) + j];
            }

            var mean = sum / n;
            double abs = 0, sq = 0;
            for (var i = 0; i < n; i++)
            {
                var d = rows[(i * p) + j] - mean;
                abs += Math.Abs(d);
                sq += d * d;
            }

            Mean[j] = mean;
            MeanAbsoluteDeviation[j] = Math.Max(abs / n, MinimumSpreadSeconds);
            StandardDeviation[j] = Math.Max(Math.Sqrt(sq / (n - 1)), MinimumSpreadSeconds);
        }

        RecentMean = new double[p];
        var recent = Math.Min(n, Math.Max(MinimumRecentSamples, n / 4));
        for (var i = n - recent; i < n; i++)
        {
            for (var j = 0; j < p; j++)
            {
                RecentMean[j] += rows[(i * p) + j] / recent;
            }
        }

        Robust = new RobustProfile(rows, n, p);
        _whitener = Whitening.Compute(rows, n, p, Mean, out var rank);
        Rank = rank;
        _projectedMean = new double[rank];
        Project(Mean, _projectedMean);
        _projectedRows = new double[n * rank];
        for (var i = 0; i < n; i++)
        {
            Project(rows.AsSpan(i * p, p), _projectedRows.AsSpan(i * rank, rank));
        }
    }

    public double[] Rows { get; }

    public int Count { get; }

    public int FeatureCount { get; }

    public int Rank { get; }

    public double[] Mean { get; }

    public double[] MeanAbsoluteDeviation { get; }

    public double[] StandardDeviation { get; }

    /// <summary>
    /// The mean of the latest quarter of the enrollment (at least <see cref="MinimumRecentSamples"/>): typing drifts
    /// with practice, and the latest samples predict the next ones best.
    /// </summary>
    public double[] RecentMean { get; }

    /// <summary>Medians, robust spreads and ranges of the enrollment.</summary>
    public RobustProfile Robust { get; }

    public DetectorScores Score(ReadOnlySpan<double> x) => Score(x, exclude: -1);

    /// <summary>Scores <paramref name="x"/>; <paramref name="exclude"/> leaves one enrollment vector out of the nearest-neighbour search.</summary>
    public DetectorScores Score(ReadOnlySpan<double> x, int exclude)
    {
        double[]? rented = null;
        var z = Rank <= StackRankLimit ? stackalloc double[Rank] : (rented = ArrayPool<double>.Shared.Rent(Rank)).AsSpan(0, Rank);
        try
        {
            Project(x, z);
            return new DetectorScores(
                ScaledManhattan(x),
                OutlierCount(x),
                NearestNeighbours.SquaredEuclidean(z, _projectedMean, 1, Rank, exclude: -1),
                NearestNeighbours.SquaredEuclidean(z, _projectedRows, Count, Rank, exclude),
                NearestNeighbours.ScaledManhattan(x, Rows, Count, MeanAbsoluteDeviation, exclude),
                NearestNeighbours.Manhattan(z, _projectedRows, Count, Rank, exclude));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    public double ScaledManhattan(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            sum += Math.Abs(x[j] - Mean[j]) / MeanAbsoluteDeviation[j];
        }

        return sum;
    }

    public double OutlierCount(ReadOnlySpan<double> x)
    {
        var count = 0;
        for (var j = 0; j < x.Length; j++)
        {
            count += Math.Abs(x[j] - Mean[j]) / StandardDeviation[j] > OutlierZ ? 1 : 0;
        }

        return count;
    }

    private void Project(ReadOnlySpan<double> x, Span<double> z)
    {
        var p = FeatureCount;
        for (var r = 0; r < z.Length; r++)
        {
            z[r] = TensorPrimitives.Dot(_whitener.AsSpan(r * p, p), x);
        }
    }
}
