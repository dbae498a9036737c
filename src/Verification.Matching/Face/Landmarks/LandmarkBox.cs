namespace Verification.Matching.Face.Landmarks;

/// <summary>A square box of the detector's side, centred on the landmarks' bounding box.</summary>
internal static class LandmarkBox
{
    public static FaceBox Recentre(in FaceBox box, ReadOnlySpan<float> landmarks, int width, int height)
    {
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        for (var i = 0; i < FaceLandmarks.Count; i++)
        {
            minX = MathF.Min(minX, landmarks[2 * i]);
            maxX = MathF.Max(maxX, landmarks[2 * i]);
            minY = MathF.Min(minY, landmarks[(2 * i) + 1]);
            maxY = MathF.Max(maxY, landmarks[(2 * i) + 1]);
        }

        var side = MathF.Max(box.Width, box.Height);
        var cx = (minX + maxX) / 2;
        var cy = (minY + maxY) / 2;
        return new FaceBox(
            MathF.Max(cx - (side / 2), 0),
            MathF.Max(cy - (side / 2), 0),
            MathF.Min(cx + (side / 2), width - 1),
            MathF.Min(cy + (side / 2), height - 1),
            box.Score);
    }
}
