namespace Verification.Matching.Keystroke;

/// <summary>
/// The pseudo-inverse square root W of a sample covariance S (n − 1 denominator), so that
/// (x − m)' S⁺ (x − m) = |W (x − m)|². It keeps the eigen-directions that R's <c>MASS::ginv</c> keeps
/// (eigenvalue above √ε times the largest), which is what the CMU evaluation script did: the covariance is
/// rank-deficient because every down-down time is a hold plus an up-down time.
/// </summary>
internal static class Whitening
{
    private static readonly double Tolerance = Math.Sqrt(2.220446049250313e-16);

    /// <summary>Returns W (rank × p, row-major) for the n × p row-major <paramref name="rows"/> centred on <paramref name="mean"/>.</summary>
    public static double[] Compute(ReadOnlySpan<double> rows, int n, int p, ReadOnlySpan<double> mean, out int rank)
    {
        var centred = new double[n * p];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < p; j++)
            {
                centred[(i * p) + j] = rows[(i * p) + j] - mean[j];
            }
        }

        // With fewer samples than features the n × n Gram matrix has the same non-zero eigenvalues and is far smaller.
        return n < p ? FromGram(centred, n, p, out rank) : FromCovariance(centred, n, p, out rank);
    }

    private static double[] FromCovariance(double[] d, int n, int p, out int rank)
    {
        var cov = new double[p * p];
        for (var i = 0; i < p; i++)
        {
            for (var j = i; j < p; j++)
            {
                var sum = 0.0;
                for (var r = 0; r < n; r++)
                {
                    sum += d[(r * p) + i] * d[(r * p) + j];
                }

                cov[(i * p) + j] = cov[(j * p) + i] = sum / (n - 1);
            }
        }

        var values = SymmetricEigen.Decompose(cov, p, out var vectors);
        var keep = Kept(values, out rank);
        var w = new double[rank * p];
        var row = 0;
        for (var e = 0; e < p; e++)
        {
            if (!keep[e])
            {
                continue;
            }

            var inv = 1.0 / Math.Sqrt(values[e]);
            for (var j = 0; j < p; j++)
            {
                w[(row * p) + j] = vectors[(j * p) + e] * inv;
            }

            row++;
        }

        return w;
    }

    private static double[] FromGram(double[] d, int n, int p, out int rank)
    {
        var gram = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = a; b < n; b++)
            {
                var sum = 0.0;
                for (var j = 0; j < p; j++)
                {
                    sum += d[(a * p) + j] * d[(b * p) + j];
                }

                gram[(a * n) + b] = gram[(b * n) + a] = sum / (n - 1);
            }
        }

        var values = SymmetricEigen.Decompose(gram, n, out var vectors);
        var keep = Kept(values, out rank);
        var w = new double[rank * p];
        var row = 0;
        for (var e = 0; e < n; e++)
        {
            if (!keep[e])
            {
                continue;
            }

            // Covariance eigenvector v = D'u / sqrt((n-1) λ); the whitening row is v / sqrt(λ).
            var factor = 1.0 / (Math.Sqrt((n - 1) * values[e]) * Math.Sqrt(values[e]));
            for (var j = 0; j < p; j++)
            {
                var sum = 0.0;
                for (var r = 0; r < n; r++)
                {
                    sum += d[(r * p) + j] * vectors[(r * n) + e];
                }

                w[(row * p) + j] = sum * factor;
            }

            row++;
        }

        return w;
    }

    private static bool[] Kept(double[] values, out int rank)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        var keep = new bool[values.Length];
        rank = 0;
        for (var i = 0; i < values.Length; i++)
        {
            keep[i] = max > 0 && values[i] > Tolerance * max;
            rank += keep[i] ? 1 : 0;
        }

        return keep;
    }
}
