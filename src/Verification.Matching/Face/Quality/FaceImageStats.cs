using OpenCvSharp;

namespace Verification.Matching.Face.Quality;

/// <summary>
/// Brightness and sharpness measured on the aligned 112×112 face, so both mean the same whatever the face's size in
/// the frame. Only the centre is used: the warp pads with black where the face met the frame edge.
/// </summary>
internal static class FaceImageStats
{
    private static readonly Rect Centre = new(20, 24, 72, 72);

    public static (float Brightness, float Sharpness) Measure(Mat aligned)
    {
        using var gray = new Mat();
        using var centre = new Mat(aligned, Centre);
        Cv2.CvtColor(centre, gray, ColorConversionCodes.BGR2GRAY);
        using var laplacian = new Mat();
        Cv2.Laplacian(gray, laplacian, MatType.CV_32F);
        Cv2.MeanStdDev(laplacian, out _, out var deviation);
        var brightness = Cv2.Mean(gray).Val0;
        return ((float)brightness, (float)(deviation.Val0 * deviation.Val0));
    }
}
