using OpenCvSharp;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// The benchmark's 640×480 webcam-like JPEG, made at run time: an LFW photo upscaled onto a canvas when ../shared is
/// there, otherwise a synthetic frame (which may hold no face, so the whole-frame figure is then not comparable).
/// </summary>
internal static class BenchmarkFrame
{
    private const string LfwImage = "face/lfw/Abel_Pacheco/Abel_Pacheco_0001.jpg";

    /// <summary>The same frame blurred (σ 5) so that the session gates refuse it as blurred after detection.</summary>
    public static byte[] CreateBlurred(string root)
    {
        using var frame = Cv2.ImDecode(Create(root), ImreadModes.Color);
        Cv2.GaussianBlur(frame, frame, new Size(0, 0), 5);
        Cv2.ImEncode(".jpg", frame, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return jpeg;
    }

    public static byte[] Create(string root)
    {
        using var canvas = new Mat(480, 640, MatType.CV_8UC3, new Scalar(110, 120, 130));
        var lfw = Path.Combine(root, "..", "shared", "eval-data", LfwImage);
        if (File.Exists(lfw))
        {
            using var photo = Cv2.ImRead(lfw, ImreadModes.Color);
            using var resized = new Mat();
            Cv2.Resize(photo, resized, new Size(420, 420), 0, 0, InterpolationFlags.Cubic);
            using var roi = new Mat(canvas, new Rect(110, 30, 420, 420));
            resized.CopyTo(roi);
        }
        else
        {
            Cv2.Randu(canvas, Scalar.All(0), Scalar.All(255));
            Cv2.GaussianBlur(canvas, canvas, new Size(0, 0), 4);
        }

        Cv2.ImEncode(".jpg", canvas, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return jpeg;
    }
}
