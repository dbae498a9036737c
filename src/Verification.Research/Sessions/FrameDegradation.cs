using OpenCvSharp;

namespace Verification.Research.Sessions;

/// <summary>
/// What a cheap webcam in a dim room does to a frame: darker, blurred, fewer pixels, stronger JPEG compression. All four
/// are applied together, so a degraded session is the hard case, not an average one.
/// </summary>
public sealed record FrameDegradation(double Brightness = 0.5, double BlurSigma = 1.2, double Scale = 0.6, int JpegQuality = 35)
{
    public byte[] Apply(byte[] encoded)
    {
        using var image = Cv2.ImDecode(encoded, ImreadModes.Color);
        using var darker = new Mat();
        image.ConvertTo(darker, -1, Brightness, 0);
        using var blurred = new Mat();
        Cv2.GaussianBlur(darker, blurred, new Size(0, 0), BlurSigma);
        using var smaller = new Mat();
        Cv2.Resize(blurred, smaller, new Size(0, 0), Scale, Scale, InterpolationFlags.Area);
        Cv2.ImEncode(".jpg", smaller, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality));
        return bytes;
    }

    public override string ToString() =>
        $"brightness x{Brightness}, Gaussian blur sigma {BlurSigma} px, scale {Scale}, JPEG quality {JpegQuality}";
}
