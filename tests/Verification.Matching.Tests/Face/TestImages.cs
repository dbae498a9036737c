using OpenCvSharp;
using Verification.Testing;

namespace Verification.Matching.Tests.Face;

/// <summary>LFW photos from ../shared and images derived from them, encoded as a client would send them.</summary>
internal static class TestImages
{
    public static byte[] Lfw(string name, int number)
    {
        var folder = SharedData.RequireDirectory("face/lfw");
        return File.ReadAllBytes(Path.Combine(folder, name, $"{name}_{number:0000}.jpg"));
    }

    public static Mat LfwMat(string name, int number) => Cv2.ImDecode(Lfw(name, number), ImreadModes.Color);

    public static byte[] Jpeg(Mat image, int quality = 95)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return bytes;
    }

    public static byte[] Png(Mat image)
    {
        Cv2.ImEncode(".png", image, out var bytes);
        return bytes;
    }

    /// <summary>A webcam-like 640×480 frame with <paramref name="face"/> scaled to <paramref name="side"/> pixels at the centre.</summary>
    public static Mat OnCanvas(Mat face, int side)
    {
        var canvas = new Mat(480, 640, MatType.CV_8UC3, new Scalar(120, 120, 120));
        using var resized = new Mat();
        Cv2.Resize(face, resized, new Size(side, side), 0, 0, InterpolationFlags.Area);
        using var roi = new Mat(canvas, new Rect((640 - side) / 2, (480 - side) / 2, side, side));
        resized.CopyTo(roi);
        return canvas;
    }
}
