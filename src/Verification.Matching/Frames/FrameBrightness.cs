using OpenCvSharp;

namespace Verification.Matching.Frames;

/// <summary>
/// Mean gray level of a whole frame, read at a quarter of its size: enough to tell a covered or black camera from a
/// dark room, at a fraction of a full decode. Used only for frames in which no face was found.
/// </summary>
public static class FrameBrightness
{
    public static double? Measure(ReadOnlySpan<byte> encodedImage)
    {
        if (encodedImage.IsEmpty)
        {
            return null;
        }

        try
        {
            using var gray = Cv2.ImDecode(encodedImage, ImreadModes.ReducedGrayscale4);
            return gray.Empty() ? null : Cv2.Mean(gray).Val0;
        }
        catch (OpenCVException)
        {
            // Callers pass frames the decoder accepted; should one still fail here, there is no brightness to report.
            return null;
        }
    }
}
