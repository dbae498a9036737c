using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
    private static readonly Vector128<byte>[] BgrMasks = Masks(0);
    private static readonly Vector128<byte>[] RgbMasks = Masks(2);

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
            var done = 0;
            if (!mirror && Avx2.IsSupported)
            {
                done = WriteColorAvx2(source, planeSize, c0, plane0, plane1, plane2, s0, s1, s2, b0, b1, b2);
            }

            for (var y = done / width; y < height; y++)
            {
                var row = source + (y * width * 3);
                var outRow = y * width;
                for (var x = y == done / width ? done % width : 0; x < width; x++)
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
        var source = (byte*)gray.DataPointer;
        fixed (float* output = destination)
        {
            var i = Avx2.IsSupported ? ConvertAvx2(source, output, count, scale, bias) : 0;
            for (; i < count; i++)
            {
                output[i] = (source[i] * scale) + bias;
            }
        }
    }

    /// <summary>
    /// Sixteen pixels at a time: three byte shuffles pull each channel out of 48 interleaved bytes, then eight at a time
    /// are widened to float, multiplied and added (never fused, so every value equals the scalar loop's); returns the
    /// pixels written, a multiple of 16.
    /// </summary>
    private static unsafe int WriteColorAvx2(
        byte* source, int pixels, int c0, float* plane0, float* plane1, float* plane2, float s0, float s1, float s2, float b0, float b1, float b2)
    {
        var masks = c0 == 0 ? BgrMasks : RgbMasks;
        var scale0 = Vector256.Create(s0);
        var scale1 = Vector256.Create(s1);
        var scale2 = Vector256.Create(s2);
        var bias0 = Vector256.Create(b0);
        var bias1 = Vector256.Create(b1);
        var bias2 = Vector256.Create(b2);
        var blocks = pixels / 16;
        for (var block = 0; block < blocks; block++)
        {
            var bytes = source + (48 * block);
            var a = Sse2.LoadVector128(bytes);
            var b = Sse2.LoadVector128(bytes + 16);
            var c = Sse2.LoadVector128(bytes + 32);
            var offset = 16 * block;
            Store(Deinterleave(a, b, c, masks, 0), plane0 + offset, scale0, bias0);
            Store(Deinterleave(a, b, c, masks, 1), plane1 + offset, scale1, bias1);
            Store(Deinterleave(a, b, c, masks, 2), plane2 + offset, scale2, bias2);
        }

        return 16 * blocks;
    }

    private static unsafe int ConvertAvx2(byte* source, float* output, int count, float scale, float bias)
    {
        var scaleVector = Vector256.Create(scale);
        var biasVector = Vector256.Create(bias);
        var blocks = count / 16;
        for (var block = 0; block < blocks; block++)
        {
            Store(Sse2.LoadVector128(source + (16 * block)), output + (16 * block), scaleVector, biasVector);
        }

        return 16 * blocks;
    }

    private static Vector128<byte> Deinterleave(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, Vector128<byte>[] masks, int plane) =>
        Sse2.Or(Sse2.Or(Ssse3.Shuffle(a, masks[3 * plane]), Ssse3.Shuffle(b, masks[(3 * plane) + 1])), Ssse3.Shuffle(c, masks[(3 * plane) + 2]));

    private static unsafe void Store(Vector128<byte> values, float* destination, Vector256<float> scale, Vector256<float> bias)
    {
        var low = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(values));
        var high = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(values, 8)));
        Avx.Store(destination, Avx.Add(Avx.Multiply(low, scale), bias));
        Avx.Store(destination + 8, Avx.Add(Avx.Multiply(high, scale), bias));
    }

    /// <summary>
    /// Shuffle masks, three per plane (one per 16-byte chunk of 16 interleaved pixels): byte k of plane p is source byte
    /// 3k + channel, taken from the chunk that holds it; 0x80 zeroes the bytes other chunks provide.
    /// </summary>
    private static Vector128<byte>[] Masks(int c0)
    {
        var masks = new Vector128<byte>[9];
        int[] channels = [c0, 1, 2 - c0];
        for (var plane = 0; plane < 3; plane++)
        {
            for (var chunk = 0; chunk < 3; chunk++)
            {
                var mask = new byte[16];
                for (var k = 0; k < 16; k++)
                {
                    var index = (3 * k) + channels[plane];
                    mask[k] = index / 16 == chunk ? (byte)(index % 16) : (byte)0x80;
                }

                masks[(3 * plane) + chunk] = Vector128.Create(mask);
            }
        }

        return masks;
    }

    private static void ValidateInput(Mat image, MatType type, int planeLength)
    {
        if (image.Type() != type || !image.IsContinuous() || image.Width * image.Height != planeLength)
        {
            throw new ArgumentException($"Expected a continuous {type} image of {planeLength} pixels.", nameof(image));
        }
    }
}
