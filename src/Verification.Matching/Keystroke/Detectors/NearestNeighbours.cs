namespace Verification.Matching.Keystroke;

/// <summary>
/// Smallest distance from a vector to any row of a row-major matrix, skipping row <c>exclude</c> (leave-one-out).
/// Each sum stops as soon as it passes the best so far: most rows are rejected after a few terms.
/// </summary>
internal static class NearestNeighbours
{
    public static double SquaredEuclidean(ReadOnlySpan<double> x, double[] rows, int count, int dimension, int exclude)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < count; i++)
        {
            if (i == exclude)
            {
                continue;
            }

            var row = rows.AsSpan(i * dimension, dimension);
            var d = 0.0;
            for (var r = 0; r < dimension && d < best; r++)
            {
                var diff = x[r] - row[r];
                d += diff * diff;
            }

            best = Math.Min(best, d);
        }

        return best;
    }

    public static double Manhattan(ReadOnlySpan<double> x, double[] rows, int count, int dimension, int exclude)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < count; i++)
        {
            if (i == exclude)
            {
                continue;
            }

            var row = rows.AsSpan(i * dimension, dimension);
            var d = 0.0;
            for (var r = 0; r < dimension && d < best; r++)
            {
                d += Math.Abs(x[r] - row[r]);
            }

            best = Math.Min(best, d);
        }

        return best;
    }

    /// <summary>Manhattan with each feature divided by <paramref name="scale"/>.</summary>
    public static double ScaledManhattan(ReadOnlySpan<double> x, double[] rows, int count, double[] scale, int exclude)
    {
        var best = double.PositiveInfinity;
        var dimension = scale.Length;
        for (var i = 0; i < count; i++)
        {
            if (i == exclude)
            {
                continue;
            }

            var row = rows.AsSpan(i * dimension, dimension);
            var d = 0.0;
            for (var j = 0; j < dimension && d < best; j++)
            {
                d += Math.Abs(x[j] - row[j]) / scale[j];
            }

            best = Math.Min(best, d);
        }

        return best;
    }
}
