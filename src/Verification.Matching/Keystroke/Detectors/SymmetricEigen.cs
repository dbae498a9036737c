namespace Verification.Matching.Keystroke;

/// <summary>Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (accurate, no dependencies).</summary>
internal static class SymmetricEigen
{
    private const int MaxSweeps = 100;

    /// <summary>
    /// Decomposes the row-major <paramref name="matrix"/> (n × n, destroyed). Returns the eigenvalues; eigenvector i is
    /// column i of <paramref name="vectors"/> (n × n, row-major).
    /// </summary>
    public static double[] Decompose(double[] matrix, int n, out double[] vectors)
    {
        var a = matrix;
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1.0;
        }

        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[(i * n) + i]));
        }

        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[(p * n) + q] * a[(p * n) + q];
                }
            }

            // Converged when the off-diagonal mass is negligible against the largest diagonal value.
            if (off <= 1e-30 * Math.Max(scale * scale, double.Epsilon))
            {
                break;
            }

            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    Rotate(a, v, n, p, q);
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[(i * n) + i];
        }

        vectors = v;
        return values;
    }

    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        var apq = a[(p * n) + q];
        if (Math.Abs(apq) < 1e-300)
        {
            return;
        }

        var theta = (a[(q * n) + q] - a[(p * n) + p]) / (2.0 * apq);
        var t = (theta >= 0 ? 1.0 : -1.0) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1.0));
        var c = 1.0 / Math.Sqrt((t * t) + 1.0);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var akp = a[(k * n) + p];
            var akq = a[(k * n) + q];
            a[(k * n) + p] = (c * akp) - (s * akq);
            a[(k * n) + q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var apk = a[(p * n) + k];
            var aqk = a[(q * n) + k];
            a[(p * n) + k] = (c * apk) - (s * aqk);
            a[(q * n) + k] = (s * apk) + (c * aqk);
        }

        for (var k = 0; k < n; k++)
        {
            var vkp = v[(k * n) + p];
            var vkq = v[(k * n) + q];
            v[(k * n) + p] = (c * vkp) - (s * vkq);
            v[(k * n) + q] = (s * vkp) + (c * vkq);
        }
    }
}
