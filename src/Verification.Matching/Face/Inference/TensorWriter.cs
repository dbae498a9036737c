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
        // Plane 0 reads channel c0 (B for B,G,R order), plane 2 the other end; plane 1 is always G.
        var c0 = order == PlaneOrder.Bgr ? 0 : 2;
        var c2 = 2 - c0;
        float s0 = scale[0], s1 = scale[1], s2 = scale[2], b0 = bias[0], b1 = bias[1], b2 = bias[2];
        // Raw pointers: this loop touches every input pixel of every model (about 160k per frame), and span slicing
        // per pixel cost as much as a small model's inference.
        var source = (byte*)bgr.DataPointer;
        fixed (float* output = destination)
        {
            var plane0 = output;
            var plane1 = output + planeSize;
            var plane2 = output + (2 * planeSize);
            for (var y = 0; y < height; y++)
            {
                var row = source + (y * width * 3);
                var outRow = y * width;
                for (var x = 0; x < width; x++)
                {
                    var pixel = row + ((mirror ? width - 1 - x : x) * 3);
                    plane0[outRow + x] = (pixel[c0] * s0) + b0;
                    plane1[outRow + x] = (pixel[1] * s1) + b1;
                    plane2[outRow + x] = (pixel[c2] * s2) + b2;
                }
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
