using System.Buffers;
using System.Numerics.Tensors;
using OpenCvSharp;
using Verification.Matching.Face.Detection;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Face.Quality;

/// <summary>
/// fr_pose (HopeNet-style bins): the box grown by a quarter on each side, 224×224, ImageNet mean/std applied by plane
/// index with planes B,G,R as the package fed it; each angle is the softmax expectation over 66 bins of 3°, minus 99.
/// </summary>
internal sealed class HeadPoseModel(OnnxModel model, PlaneOrder order)
{
    private const int Side = 224;
    private const int Bins = 66;
    private static readonly float[] Scale = [1f / (255 * 0.229f), 1f / (255 * 0.224f), 1f / (255 * 0.225f)];
    private static readonly float[] Bias = [-0.485f / 0.229f, -0.456f / 0.224f, -0.406f / 0.225f];

    /// <summary>The input for <paramref name="box"/>, to run later with <see cref="Predict(RentedTensor)"/>.</summary>
    public RentedTensor Prepare(Mat frame, in FaceBox box)
    {
        var input = new RentedTensor(model.InputLength);
        Prepare(frame, box, input.Span);
        return input;
    }

    /// <summary>The angles of an input <see cref="Prepare(Mat, in FaceBox)"/> made.</summary>
    public (float Yaw, float Pitch, float Roll) Predict(RentedTensor input)
    {
        var yaw = ArrayPool<float>.Shared.Rent(Bins);
        var pitch = ArrayPool<float>.Shared.Rent(Bins);
        var roll = ArrayPool<float>.Shared.Rent(Bins);
        try
        {
            model.Run(input.Buffer, [yaw, pitch, roll]);
            return (Angle(yaw), Angle(pitch), Angle(roll));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(yaw, clearArray: true);
            ArrayPool<float>.Shared.Return(pitch, clearArray: true);
            ArrayPool<float>.Shared.Return(roll, clearArray: true);
        }
    }

    /// <summary>The box grown by a quarter on each side as the model's input.</summary>
    public void Prepare(Mat frame, in FaceBox box, Span<float> input)
    {
        var quarterWidth = box.Width / 4;
        var quarterHeight = box.Height / 4;
        var rect = CropRect.Clamp(
            (int)(box.X1 - quarterWidth), (int)(box.Y1 - quarterHeight), (int)(box.Width * 1.5f), (int)(box.Height * 1.5f), frame.Width, frame.Height);
        using var crop = new Mat(frame, rect);
        using var resized = new Mat();
        Cv2.Resize(crop, resized, new Size(Side, Side), 0, 0, InterpolationFlags.Linear);
        TensorWriter.WriteColor(resized, input, order, Scale, Bias);
    }

    private static float Angle(float[] logits)
    {
        var bins = logits.AsSpan(0, Bins);
        TensorPrimitives.SoftMax(bins, bins);
        var expected = 0f;
        for (var i = 0; i < Bins; i++)
        {
            expected += bins[i] * i;
        }

        return (expected * 3) - 99;
    }
}
