using OpenCvSharp;
using Verification.Matching.Face;

namespace Verification.Research.Sessions.SeveralFaces;

/// <summary>
/// Builds a webcam-sized frame (640×480) from an LFW photo of the learner, and pastes another person's face into it
/// where someone looking over the learner's shoulder would be. The learner's photo is scaled to the frame height and
/// its sides extended with its edge pixels, so the learner's face is as large as at a laptop webcam (about 200 px).
/// </summary>
public static class OverShoulderComposite
{
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>The learner's photo as a webcam frame, JPEG-encoded.</summary>
    public static byte[] Base(byte[] learnerPhoto)
    {
        using var frame = BaseFrame(learnerPhoto);
        return Encode(frame);
    }

    /// <summary>
    /// Pastes the face <paramref name="otherFace"/> of <paramref name="otherPhoto"/> into the base frame whose learner
    /// face is <paramref name="learnerFace"/>; returns the JPEG and the pasted box (in frame pixels, before clipping).
    /// </summary>
    public static (byte[] Jpeg, FaceBox Pasted) Compose(byte[] learnerPhoto, FaceBox learnerFace, byte[] otherPhoto, FaceBox otherFace, OverShoulderPlacement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        using var frame = BaseFrame(learnerPhoto);
        using var learnerOnTop = frame.Clone();
        using var other = Cv2.ImDecode(otherPhoto, ImreadModes.Color);

        // A margin around the detector's box, so the pasted patch carries hair and chin as a real head would.
        var margin = otherFace.Width * 0.25f;
        var source = Clip(new Rect((int)(otherFace.X1 - margin), (int)(otherFace.Y1 - margin), (int)(otherFace.Width + (2 * margin)), (int)(otherFace.Height + (2 * margin))), other.Width, other.Height);
        var scale = placement.RelativeWidth * learnerFace.Width / otherFace.Width;
        var patchWidth = Math.Max(8, (int)Math.Round(source.Width * scale));
        var patchHeight = Math.Max(8, (int)Math.Round(source.Height * scale));
        using var patch = new Mat();
        Cv2.Resize(new Mat(other, source), patch, new Size(patchWidth, patchHeight), 0, 0, InterpolationFlags.Area);
        if (placement.Style == OverShoulderStyle.Blurred)
        {
            Cv2.GaussianBlur(patch, patch, new Size(0, 0), Math.Max(1.0, 0.03 * patchWidth));
            patch.ConvertTo(patch, -1, 0.75, 0);
        }

        var pastedWidth = (float)(placement.RelativeWidth * learnerFace.Width);
        var learnerCentreX = (learnerFace.X1 + learnerFace.X2) / 2;
        var learnerCentreY = (learnerFace.Y1 + learnerFace.Y2) / 2;
        var centreX = learnerCentreX + (placement.Side * (float)placement.Spread * ((learnerFace.Width / 2) + (pastedWidth / 2)));
        var centreY = learnerCentreY + ((float)placement.Rise * learnerFace.Width);
        var left = (int)Math.Round(centreX - (patchWidth / 2.0));
        var top = (int)Math.Round(centreY - (patchHeight / 2.0));
        var target = Clip(new Rect(left, top, patchWidth, patchHeight), frame.Width, frame.Height);
        if (target.Width > 0 && target.Height > 0)
        {
            var from = new Rect(target.X - left, target.Y - top, target.Width, target.Height);
            using var region = new Mat(frame, target);
            new Mat(patch, from).CopyTo(region);
        }

        if (placement.Style == OverShoulderStyle.Occluded)
        {
            // The learner sits in front: their head (an ellipse around the face box) hides what is behind it.
            using var mask = new Mat(frame.Size(), MatType.CV_8UC1, Scalar.All(0));
            Cv2.Ellipse(mask, new RotatedRect(new Point2f(learnerCentreX, learnerCentreY), new Size2f(learnerFace.Width * 1.1f, learnerFace.Height * 1.35f), 0), Scalar.All(255), -1);
            learnerOnTop.CopyTo(frame, mask);
        }

        var pasted = new FaceBox(centreX - (pastedWidth / 2), centreY - (pastedWidth / 2), centreX + (pastedWidth / 2), centreY + (pastedWidth / 2), 1);
        return (Encode(frame), pasted);
    }

    /// <summary>Intersection over union of two boxes.</summary>
    public static float Overlap(FaceBox a, FaceBox b)
    {
        var w = Math.Max(0, Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1));
        var h = Math.Max(0, Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1));
        var inter = w * h;
        var union = a.Area + b.Area - inter;
        return union > 0 ? inter / union : 0;
    }

    private static Mat BaseFrame(byte[] learnerPhoto)
    {
        using var photo = Cv2.ImDecode(learnerPhoto, ImreadModes.Color);
        var scale = (double)Height / photo.Height;
        using var scaled = new Mat();
        Cv2.Resize(photo, scaled, new Size((int)Math.Round(photo.Width * scale), Height), 0, 0, InterpolationFlags.Cubic);
        var side = Math.Max(0, Width - scaled.Width);
        var frame = new Mat();
        Cv2.CopyMakeBorder(scaled, frame, 0, 0, side / 2, side - (side / 2), BorderTypes.Replicate);
        return frame;
    }

    private static Rect Clip(Rect rect, int width, int height)
    {
        var x1 = Math.Clamp(rect.X, 0, width);
        var y1 = Math.Clamp(rect.Y, 0, height);
        var x2 = Math.Clamp(rect.X + rect.Width, 0, width);
        var y2 = Math.Clamp(rect.Y + rect.Height, 0, height);
        return new Rect(x1, y1, x2 - x1, y2 - y1);
    }

    private static byte[] Encode(Mat frame)
    {
        Cv2.ImEncode(".jpg", frame, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
        return bytes;
    }
}
