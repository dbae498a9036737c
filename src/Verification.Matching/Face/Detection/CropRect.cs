using OpenCvSharp;

namespace Verification.Matching.Face.Detection;

/// <summary>
/// The package's crop helper: a rect <c>scale</c> times the box about its centre, shrunk so it fits the frame and
/// shifted back inside it. The liveness model was trained on such crops (scale 2.7), so it is reproduced exactly.
/// </summary>
internal static class CropRect
{
    public static Rect Around(in FaceBox box, float scale, int width, int height)
    {
        var boxWidth = MathF.Max(box.Width, 1);
        var boxHeight = MathF.Max(box.Height, 1);
        var s = MathF.Min(MathF.Min((height - 1) / boxHeight, (width - 1) / boxWidth), scale);
        var newWidth = boxWidth * s;
        var newHeight = boxHeight * s;
        var cx = box.X1 + (boxWidth / 2);
        var cy = box.Y1 + (boxHeight / 2);
        var left = cx - (newWidth / 2);
        var top = cy - (newHeight / 2);
        var right = cx + (newWidth / 2);
        var bottom = cy + (newHeight / 2);
        if (left < 0)
        {
            right -= left;
            left = 0;
        }

        if (top < 0)
        {
            bottom -= top;
            top = 0;
        }

        if (right > width - 1)
        {
            left -= right - (width - 1);
            right = width - 1;
        }

        if (bottom > height - 1)
        {
            top -= bottom - (height - 1);
            bottom = height - 1;
        }

        return Clamp((int)MathF.Max(left, 0), (int)MathF.Max(top, 0), (int)(right - left), (int)(bottom - top), width, height);
    }

    /// <summary>A rect inside the frame with at least one pixel per side.</summary>
    public static Rect Clamp(int x, int y, int w, int h, int width, int height)
    {
        x = Math.Clamp(x, 0, width - 1);
        y = Math.Clamp(y, 0, height - 1);
        w = Math.Clamp(w, 1, width - x);
        h = Math.Clamp(h, 1, height - y);
        return new Rect(x, y, w, h);
    }
}
