using OpenCvSharp;
using Verification.Testing;
using CvScalar = OpenCvSharp.Scalar;
using CvSize = OpenCvSharp.Size;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// Real LFW photos from ../shared/eval-data/face/lfw and the poor pictures learners send, made from them with OpenCV:
/// too dark, blurred, two people, a face far from the camera, no face at all.
/// </summary>
public static class FaceImages
{
    /// <summary>The photos of one LFW person, in file order; skips the test when the shared data is absent.</summary>
    public static IReadOnlyList<byte[]> Of(string person, int count)
    {
        var folder = SharedData.RequireDirectory(Path.Combine("face", "lfw", person));
        var files = Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).Take(count).ToArray();
        Assert.True(files.Length == count, $"{person} has {files.Length} photos, {count} needed.");
        return [.. files.Select(File.ReadAllBytes)];
    }

    public static byte[] Photo(string person, int number) =>
        File.ReadAllBytes(Path.Combine(SharedData.RequireDirectory(Path.Combine("face", "lfw", person)), $"{person}_{number:0000}.jpg"));

    /// <summary>The photo with its light scaled down, as in a room without a lamp.</summary>
    public static byte[] Darkened(byte[] jpeg, double factor = 0.25)
    {
        using var image = Decode(jpeg);
        using var dark = new Mat();
        image.ConvertTo(dark, -1, factor, 0);
        return Encode(dark);
    }

    /// <summary>The photo out of focus.</summary>
    public static byte[] Blurred(byte[] jpeg, double sigma = 6)
    {
        using var image = Decode(jpeg);
        using var blurred = new Mat();
        Cv2.GaussianBlur(image, blurred, new CvSize(0, 0), sigma);
        return Encode(blurred);
    }

    /// <summary>Two photos side by side: two people in front of the camera.</summary>
    public static byte[] SideBySide(byte[] left, byte[] right)
    {
        using var a = Decode(left);
        using var b = Decode(right);
        using var both = new Mat();
        Cv2.HConcat([a, b], both);
        return Encode(both);
    }

    /// <summary>The photo shrunk and placed on a larger grey canvas: a learner sitting far from the camera.</summary>
    public static byte[] FarAway(byte[] jpeg, double scale = 0.3, int canvasWidth = 640, int canvasHeight = 480)
    {
        using var image = Decode(jpeg);
        using var small = new Mat();
        Cv2.Resize(image, small, new CvSize(0, 0), scale, scale, InterpolationFlags.Area);
        using var canvas = new Mat(canvasHeight, canvasWidth, MatType.CV_8UC3, new CvScalar(128, 128, 128));
        using (var target = new Mat(canvas, new Rect((canvasWidth - small.Width) / 2, (canvasHeight - small.Height) / 3, small.Width, small.Height)))
        {
            small.CopyTo(target);
        }

        return Encode(canvas);
    }

    /// <summary>A camera pointed at a landscape: sky, hills and grass, no face.</summary>
    public static byte[] Landscape(int width = 640, int height = 480)
    {
        using var canvas = new Mat(height, width, MatType.CV_8UC3);
        for (var y = 0; y < height; y++)
        {
            var sky = y < height / 2;
            var t = (double)y / height;
            var colour = sky ? new CvScalar(235 - (60 * t), 190 - (40 * t), 120) : new CvScalar(40, 140 - (50 * t), 60);
            Cv2.Line(canvas, new Point(0, y), new Point(width - 1, y), colour);
        }

        Cv2.Ellipse(canvas, new Point(width / 3, height / 2), new CvSize(width / 3, height / 6), 0, 180, 360, new CvScalar(70, 110, 90), -1);
        Cv2.Circle(canvas, new Point(width * 4 / 5, height / 6), 30, new CvScalar(200, 240, 255), -1);
        return Encode(canvas);
    }

    public static byte[] ToPng(byte[] jpeg)
    {
        using var image = Decode(jpeg);
        return image.ImEncode(".png");
    }

    private static Mat Decode(byte[] bytes) => Cv2.ImDecode(bytes, ImreadModes.Color);

    private static byte[] Encode(Mat image) => image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
}
