using OpenCvSharp;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Tests.Face;

/// <summary>
/// The vectorised tensor fill against the plain per-pixel loop it replaced (value · scale + bias, multiply then add),
/// bit for bit, on real photos: sizes that are and are not a multiple of its 16-pixel blocks, both plane orders, and
/// the scales every model uses (the pose model's are not powers of two, so any fused or reordered arithmetic shows).
/// </summary>
public sealed class TensorWriterTests
{
    public static TheoryData<int, int> Sizes => new() { { 320, 240 }, { 224, 224 }, { 112, 112 }, { 250, 250 }, { 7, 5 }, { 1, 1 } };

    private static readonly float[][] Scales =
    [
        [1f / 128, 1f / 128, 1f / 128],
        [1f, 1f, 1f],
        [1f / (255 * 0.229f), 1f / (255 * 0.224f), 1f / (255 * 0.225f)],
    ];

    private static readonly float[][] Biases =
    [
        [-127f / 128, -127f / 128, -127f / 128],
        [0f, 0f, 0f],
        [-0.485f / 0.229f, -0.456f / 0.224f, -0.406f / 0.225f],
    ];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fills_colour_planes_exactly_as_the_per_pixel_loop(int width, int height)
    {
        using var image = Photo(width, height, ImreadModes.Color);
        foreach (var order in (PlaneOrder[])[PlaneOrder.Bgr, PlaneOrder.Rgb])
        {
            foreach (var mirror in (bool[])[false, true])
            {
                for (var k = 0; k < Scales.Length; k++)
                {
                    var actual = new float[3 * width * height];
                    TensorWriter.WriteColor(image, actual, order, Scales[k], Biases[k], mirror);

                    var expected = ReferenceColor(image, order, Scales[k], Biases[k], mirror);
                    AssertBitEqual(expected, actual, $"{width}x{height} {order} mirror={mirror} scale set {k}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fills_a_gray_plane_exactly_as_the_per_pixel_loop(int width, int height)
    {
        using var image = Photo(width, height, ImreadModes.Grayscale);
        foreach (var (scale, bias) in (IEnumerable<(float, float)>)[(1f / 256, 0f), (1f / 255, 0f), (1f / (255 * 0.229f), -0.485f / 0.229f)])
        {
            var actual = new float[width * height];
            TensorWriter.WriteGray(image, actual, scale, bias);

            var expected = new float[width * height];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    expected[(y * width) + x] = (image.At<byte>(y, x) * scale) + bias;
                }
            }

            AssertBitEqual(expected, actual, $"{width}x{height} gray scale {scale}");
        }
    }

    [Fact]
    public void Writes_every_value_of_a_full_byte_range()
    {
        // 256 distinct values in each channel, so no byte value escapes the comparison.
        using var image = new Mat(16, 16, MatType.CV_8UC3);
        for (var i = 0; i < 256; i++)
        {
            image.Set(i / 16, i % 16, new Vec3b((byte)i, (byte)(255 - i), (byte)((i * 7) % 256)));
        }

        var actual = new float[3 * 256];
        TensorWriter.WriteColor(image, actual, PlaneOrder.Rgb, Scales[2], Biases[2]);

        AssertBitEqual(ReferenceColor(image, PlaneOrder.Rgb, Scales[2], Biases[2], mirror: false), actual, "byte range");
    }

    [Fact]
    public void Refuses_an_image_whose_size_does_not_match_the_tensor()
    {
        using var image = Photo(32, 32, ImreadModes.Color);

        Assert.Throws<ArgumentException>(() => TensorWriter.WriteColor(image, new float[3 * 32 * 31], PlaneOrder.Bgr, Scales[0], Biases[0]));
        Assert.Throws<ArgumentException>(() => TensorWriter.WriteGray(image, new float[32 * 32], 1f, 0f));
    }

    /// <summary>The loop the writer had before it was vectorised, reading each pixel through the indexer.</summary>
    private static float[] ReferenceColor(Mat image, PlaneOrder order, float[] scale, float[] bias, bool mirror)
    {
        var width = image.Width;
        var height = image.Height;
        var plane = width * height;
        var output = new float[3 * plane];
        int[] channels = order == PlaneOrder.Bgr ? [0, 1, 2] : [2, 1, 0];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var pixel = image.At<Vec3b>(y, mirror ? width - 1 - x : x);
                for (var p = 0; p < 3; p++)
                {
                    output[(p * plane) + (y * width) + x] = (pixel[channels[p]] * scale[p]) + bias[p];
                }
            }
        }

        return output;
    }

    /// <summary>A real LFW photo resized (bilinear) to the size a model's crop would have.</summary>
    private static Mat Photo(int width, int height, ImreadModes mode)
    {
        using var photo = Cv2.ImDecode(TestImages.Lfw("Abel_Pacheco", 1), mode);
        var resized = new Mat();
        Cv2.Resize(photo, resized, new Size(width, height), 0, 0, InterpolationFlags.Linear);
        return resized;
    }

    private static void AssertBitEqual(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{what}: value {i} is {actual[i]:R}, the per-pixel loop gives {expected[i]:R}.");
            }
        }
    }
}
