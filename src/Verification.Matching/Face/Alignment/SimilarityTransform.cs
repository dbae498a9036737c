namespace Verification.Matching.Face.Alignment;

/// <summary>
/// Least-squares 2-D similarity from source to destination points (Umeyama 1991 without reflection). In 2-D the
/// rotation-and-scale block is [a −b; b a], so the SVD reduces to two sums; the determinant a² + b² is never
/// negative, hence no reflection can come out.
/// </summary>
internal static class SimilarityTransform
{
    /// <summary>Writes the 2×3 row-major matrix mapping <paramref name="source"/> onto <paramref name="destination"/>.</summary>
    public static void Estimate(ReadOnlySpan<float> source, ReadOnlySpan<float> destination, Span<double> matrix)
    {
        var n = source.Length / 2;
        double spx = 0, spy = 0, sqx = 0, sqy = 0;
        for (var i = 0; i < n; i++)
        {
            spx += source[2 * i];
            spy += source[(2 * i) + 1];
            sqx += destination[2 * i];
            sqy += destination[(2 * i) + 1];
        }

        var mpx = spx / n;
        var mpy = spy / n;
        var mqx = sqx / n;
        var mqy = sqy / n;
        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            var px = source[2 * i] - mpx;
            var py = source[(2 * i) + 1] - mpy;
            var qx = destination[2 * i] - mqx;
            var qy = destination[(2 * i) + 1] - mqy;
            dot += (px * qx) + (py * qy);
            cross += (px * qy) - (py * qx);
            norm += (px * px) + (py * py);
        }

        if (norm <= double.Epsilon)
        {
            // All points coincide: no scale can be recovered. Identity keeps the warp defined.
            matrix[0] = 1;
            matrix[1] = 0;
            matrix[2] = mqx - mpx;
            matrix[3] = 0;
            matrix[4] = 1;
            matrix[5] = mqy - mpy;
            return;
        }

        var a = dot / norm;
        var b = cross / norm;
        matrix[0] = a;
        matrix[1] = -b;
        matrix[2] = mqx - ((a * mpx) - (b * mpy));
        matrix[3] = b;
        matrix[4] = a;
        matrix[5] = mqy - ((b * mpx) + (a * mpy));
    }
}
