using OpenCvSharp;

namespace Verification.Matching.Face.Crops;

/// <summary>
/// A small JPEG of the face a detector found, with some of the head around it, for a person to look at (a reviewer
/// comparing enrollment with an assessment). Not used for matching: the embedding sees the aligned 112×112 face.
/// </summary>
internal static class FaceCrop
{
    // The detector's box is tight around the features; a reviewer also wants the hairline, ears and chin.
    private const float Margin = 0.35f;
    private const int JpegQuality = 85;

    public static byte[] Encode(Mat frame, in FaceBox face, int side)
    {
        var grow = Math.Max(face.Width, face.Height) * Margin;
        var x1 = Math.Clamp((int)MathF.Floor(face.X1 - grow), 0, frame.Width - 1);
        var y1 = Math.Clamp((int)MathF.Floor(face.Y1 - grow), 0, frame.Height - 1);
        var x2 = Math.Clamp((int)MathF.Ceiling(face.X2 + grow), x1 + 1, frame.Width);
        var y2 = Math.Clamp((int)MathF.Ceiling(face.Y2 + grow), y1 + 1, frame.Height);
        using var region = new Mat(frame, new Rect(x1, y1, x2 - x1, y2 - y1));
        var scale = (double)side / Math.Max(region.Width, region.Height);
        using var resized = new Mat();
        Cv2.Resize(region, resized, new OpenCvSharp.Size(Math.Max(1, (int)Math.Round(region.Width * scale)), Math.Max(1, (int)Math.Round(region.Height * scale))), 0, 0, InterpolationFlags.Area);
        Cv2.ImEncode(".jpg", resized, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality));
        return jpeg;
    }
}
