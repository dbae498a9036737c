using OpenCvSharp;

namespace Verification.Matching.Face.Inference;

/// <summary>Which colour goes into the first input plane.</summary>
internal enum PlaneOrder
{
    Bgr,
    Rgb,
}

/// <summary>Writes 8-bit OpenCV images into NCHW float tensors as <c>value · scale[plane] + bias[plane]</c>.</summary>
internal static class TensorWriter
{
    /// <summary>A continuous CV_8UC3 BGR image into three planes in <paramref name="order"/>, optionally mirrored left-right.</summary>
    public static unsafe void WriteColor(
        Mat bgr, Span<float> destination, PlaneOrder order, ReadOnlySpan<float> scale, ReadOnlySpan<float> bias, bool mirror = false)
    {
        ValidateInput(bgr, MatType.CV_8UC3, destination.Length / 3);
        var width = bgr.Width;
        var height = bgr.Height;
        var planeSize = width * height;
        // Plane p reads BGR channel sourceChannel[p].
        var c0 = order == PlaneOrder.Bgr ? 0 : 2;
        var c2 = 2 - c0;
        var plane0 = destination[..planeSize];
        var plane1 = destination.Slice(planeSize, planeSize);
        var plane2 = destination.Slice(2 * planeSize, planeSize);
        var source = new ReadOnlySpan<byte>(bgr.DataPointer, planeSize * 3);
        for (var y = 0; y < height; y++)
        {
            var row = source.Slice(y * width * 3, width * 3);
            var outRow = y * width;
            for (var x = 0; x < width; x++)
            {
                var sx = mirror ? width - 1 - x : x;
                var pixel = row.Slice(sx * 3, 3);
                plane0[outRow + x] = (pixel[c0] * scale[0]) + bias[0];
                plane1[outRow + x] = (pixel[1] * scale[1]) + bias[1];
                plane2[outRow + x] = (pixel[c2] * scale[2]) + bias[2];
            }
        }
    }

    /// <summary>A continuous CV_8UC1 image into one plane.</summary>
    public static unsafe void WriteGray(Mat gray, Span<float> destination, float scale, float bias)
    {
        ValidateInput(gray, MatType.CV_8UC1, destination.Length);
        var count = gray.Width * gray.Height;
        var source = new ReadOnlySpan<byte>(gray.DataPointer, count);
        for (var i = 0; i < count; i++)
        {
            destination[i] = (source[i] * scale) + bias;
        }
    }

    private static void ValidateInput(Mat image, MatType type, int planeLength)
    {
        if (image.Type() != type || !image.IsContinuous() || image.Width * image.Height != planeLength)
        {
            throw new ArgumentException($"Expected a continuous {type} image of {planeLength} pixels.", nameof(image));
        }
    }
}
