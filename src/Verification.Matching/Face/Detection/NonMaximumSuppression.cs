namespace Verification.Matching.Face.Detection;

/// <summary>Keeps the best of overlapping boxes. Works in place on a caller's span; allocates nothing.</summary>
internal static class NonMaximumSuppression
{
    /// <summary>
    /// Reorders <paramref name="boxes"/> so the first returned count are the kept boxes, best first.
    /// <paramref name="boxes"/> must already be sorted by score, descending.
    /// </summary>
    public static int Apply(Span<FaceBox> boxes, float threshold, NmsMode mode)
    {
        if (mode == NmsMode.JavaScript)
        {
            // Kept only to measure what the package did: order by y2 ascending, overlap over the other box's area.
            boxes.Sort(static (a, b) => a.Y2.CompareTo(b.Y2));
        }

        var kept = 0;
        for (var i = 0; i < boxes.Length; i++)
        {
            var candidate = boxes[i];
            if (candidate.Width <= 0 || candidate.Height <= 0)
            {
                continue;
            }

            var suppressed = false;
            for (var k = 0; k < kept; k++)
            {
                if (Overlap(boxes[k], candidate, mode) >= threshold)
                {
                    suppressed = true;
                    break;
                }
            }

            if (!suppressed)
            {
                boxes[kept++] = candidate;
            }
        }

        if (mode == NmsMode.JavaScript)
        {
            boxes[..kept].Sort(static (a, b) => b.Score.CompareTo(a.Score));
        }

        return kept;
    }

    private static float Overlap(in FaceBox keptBox, in FaceBox other, NmsMode mode)
    {
        var width = MathF.Min(keptBox.X2, other.X2) - MathF.Max(keptBox.X1, other.X1);
        var height = MathF.Min(keptBox.Y2, other.Y2) - MathF.Max(keptBox.Y1, other.Y1);
        if (width <= 0 || height <= 0)
        {
            return 0;
        }

        var intersection = width * height;
        return mode == NmsMode.JavaScript
            ? intersection / other.Area
            : intersection / (keptBox.Area + other.Area - intersection);
    }
}
