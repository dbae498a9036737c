using System.Buffers;
using System.Numerics.Tensors;
using OpenCvSharp;
using Verification.Matching.Face.Detection;
using Verification.Matching.Face.Inference;
using Verification.Matching.Face.Landmarks;

namespace Verification.Matching.Face.Quality;

/// <summary>fr_eye: a square about one eye (1.6 × its corner-to-corner width), 24×24 gray / 255, p(closed) = softmax[0].</summary>
internal sealed class EyeStateModel(OnnxModel model)
{
    private const int Side = 24;
    private const float BoxScale = 1.6f;

    /// <summary>p(closed) of the eye whose lid points are <paramref name="first"/>+1, +2, +4, +5 and corners first, first+3.</summary>
    public float PredictClosed(Mat frame, ReadOnlySpan<float> landmarks, int first)
    {
        var input = ArrayPool<float>.Shared.Rent(model.InputLength);
        var output = ArrayPool<float>.Shared.Rent(model.OutputLengths[0]);
        try
        {
            Prepare(frame, landmarks, first, input.AsSpan(0, model.InputLength));
            model.Run(input, [output]);
            var logits = output.AsSpan(0, model.OutputLengths[0]);
            TensorPrimitives.SoftMax(logits, logits);
            return logits[0];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input, clearArray: true);
            ArrayPool<float>.Shared.Return(output, clearArray: true);
        }
    }

    /// <summary>The square about the eye whose points start at <paramref name="first"/> as the model's input.</summary>
    public static void Prepare(Mat frame, ReadOnlySpan<float> landmarks, int first, Span<float> input)
    {
        var (cx, cy) = FaceLandmarks.Mean(landmarks, first + 1, first + 2, first + 4, first + 5);
        var side = MathF.Abs(FaceLandmarks.X(landmarks, first + 3) - FaceLandmarks.X(landmarks, first)) * BoxScale;
        var s = Math.Max((int)side, 2);
        var rect = CropRect.Clamp((int)(cx - (s / 2f)), (int)(cy - (s / 2f)), s, s, frame.Width, frame.Height);
        using var crop = new Mat(frame, rect);
        using var resized = new Mat();
        using var gray = new Mat();
        Cv2.Resize(crop, resized, new Size(Side, Side), 0, 0, InterpolationFlags.Linear);
        Cv2.CvtColor(resized, gray, ColorConversionCodes.BGR2GRAY);
        TensorWriter.WriteGray(gray, input, 1f / 255, 0f);
    }
}
