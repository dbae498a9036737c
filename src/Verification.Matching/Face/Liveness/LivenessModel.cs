using System.Buffers;
using System.Numerics.Tensors;
using OpenCvSharp;
using Verification.Matching.Face.Detection;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Face.Liveness;

/// <summary>
/// fr_liveness: a 2.7× crop about the face, 128×128, raw 0–255 values, three logits of which index 0 is "live".
/// Plane order is a measured choice (FACE-MODELS §3.4: B,G,R gives far more live verdicts on real photos).
/// </summary>
internal sealed class LivenessModel(OnnxModel model, PlaneOrder order)
{
    public const float CropScale = 2.7f;
    private const int Side = 128;
    private static readonly float[] Scale = [1f, 1f, 1f];
    private static readonly float[] Bias = [0f, 0f, 0f];

    /// <summary>The input for <paramref name="box"/>, to run later with <see cref="Predict(RentedTensor)"/>.</summary>
    public RentedTensor Prepare(Mat frame, in FaceBox box)
    {
        var input = new RentedTensor(model.InputLength);
        Prepare(frame, box, input.Span);
        return input;
    }

    /// <summary>p(live) in 0..1 of an input <see cref="Prepare(Mat, in FaceBox)"/> made.</summary>
    public float Predict(RentedTensor input)
    {
        var output = ArrayPool<float>.Shared.Rent(model.OutputLengths[0]);
        try
        {
            model.Run(input.Buffer, [output]);
            var logits = output.AsSpan(0, model.OutputLengths[0]);
            TensorPrimitives.SoftMax(logits, logits);
            return logits[0];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(output, clearArray: true);
        }
    }

    /// <summary>The 2.7× crop about <paramref name="box"/> as the model's input.</summary>
    public void Prepare(Mat frame, in FaceBox box, Span<float> input)
    {
        var rect = CropRect.Around(box, CropScale, frame.Width, frame.Height);
        using var crop = new Mat(frame, rect);
        using var resized = new Mat();
        Cv2.Resize(crop, resized, new Size(Side, Side), 0, 0, InterpolationFlags.Linear);
        TensorWriter.WriteColor(resized, input, order, Scale, Bias);
    }
}
