using OpenCvSharp;
using Verification.Matching.Face.Landmarks;

namespace Verification.Matching.Face.Alignment;

/// <summary>Five points from the 68 landmarks, warped onto the ArcFace-style 112×112 template.</summary>
internal sealed class FaceAligner(AlignmentMode mode)
{
    public const int Side = 112;

    // Eye centres, nose tip, mouth corners on the 112×112 template (x, y interleaved).
    private static readonly float[] Template =
    [
        38.29459953f, 51.69630051f,
        73.53179932f, 51.50139999f,
        56.02519989f, 71.73660278f,
        41.54930115f, 92.3655014f,
        70.72990036f, 92.20410156f,
    ];

    /// <summary>Returns a new 112×112 BGR Mat the caller disposes.</summary>
    public Mat Align(Mat frame, ReadOnlySpan<float> landmarks)
    {
        Span<float> points = stackalloc float[10];
        FivePoints(landmarks, points);
        using var matrix = mode == AlignmentMode.Similarity5 ? Similarity(points) : Affine3(points);
        var aligned = new Mat();
        Cv2.WarpAffine(frame, aligned, matrix, new Size(Side, Side), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        return aligned;
    }

    /// <summary>Eyes = mean of the four lid points, nose tip = 30, mouth corners = mean of outer and inner corner.</summary>
    public static void FivePoints(ReadOnlySpan<float> landmarks, Span<float> points)
    {
        (points[0], points[1]) = FaceLandmarks.Mean(landmarks, 37, 38, 40, 41);
        (points[2], points[3]) = FaceLandmarks.Mean(landmarks, 43, 44, 46, 47);
        points[4] = FaceLandmarks.X(landmarks, 30);
        points[5] = FaceLandmarks.Y(landmarks, 30);
        points[6] = (FaceLandmarks.X(landmarks, 48) + FaceLandmarks.X(landmarks, 60)) / 2;
        points[7] = (FaceLandmarks.Y(landmarks, 48) + FaceLandmarks.Y(landmarks, 60)) / 2;
        points[8] = (FaceLandmarks.X(landmarks, 54) + FaceLandmarks.X(landmarks, 64)) / 2;
        points[9] = (FaceLandmarks.Y(landmarks, 54) + FaceLandmarks.Y(landmarks, 64)) / 2;
    }

    private static Mat Similarity(ReadOnlySpan<float> points)
    {
        Span<double> m = stackalloc double[6];
        SimilarityTransform.Estimate(points, Template, m);
        var matrix = new Mat(2, 3, MatType.CV_64FC1);
        for (var i = 0; i < 6; i++)
        {
            matrix.Set(i / 3, i % 3, m[i]);
        }

        return matrix;
    }

    private static Mat Affine3(ReadOnlySpan<float> points)
    {
        Point2f[] source = [new(points[0], points[1]), new(points[2], points[3]), new(points[4], points[5])];
        Point2f[] destination = [new(Template[0], Template[1]), new(Template[2], Template[3]), new(Template[4], Template[5])];
        return Cv2.GetAffineTransform(source, destination);
    }
}
