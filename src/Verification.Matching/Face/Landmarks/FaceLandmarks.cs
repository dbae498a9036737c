namespace Verification.Matching.Face.Landmarks;

/// <summary>68 iBUG-300W points in frame pixels, x and y interleaved. Indices follow that layout.</summary>
internal static class FaceLandmarks
{
    public const int Count = 68;
    public const int Length = 2 * Count;

    public static float X(ReadOnlySpan<float> points, int index) => points[2 * index];

    public static float Y(ReadOnlySpan<float> points, int index) => points[(2 * index) + 1];

    /// <summary>Mean of four points, used for the eye centres.</summary>
    public static (float X, float Y) Mean(ReadOnlySpan<float> points, int a, int b, int c, int d) =>
        ((X(points, a) + X(points, b) + X(points, c) + X(points, d)) / 4,
         (Y(points, a) + Y(points, b) + Y(points, c) + Y(points, d)) / 4);
}
