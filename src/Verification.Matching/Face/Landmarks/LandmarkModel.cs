using System.Buffers;
using OpenCvSharp;
using Verification.Matching.Face.Detection;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Face.Landmarks;

/// <summary>fr_landmark: 64×64 gray crop of the face box (values / 256) to 68 points normalised to that crop.</summary>
internal sealed class LandmarkModel(OnnxModel model)
{
    private const int Side = 64;

    /// <summary>Writes the 68 points (frame pixels, float) into <paramref name="points"/>.</summary>
    public void Predict(Mat frame, in FaceBox box, Span<float> points)
    {
        var input = ArrayPool<float>.Shared.Rent(model.InputLength);
        var output = ArrayPool<float>.Shared.Rent(model.OutputLengths[0]);
        try
        {
            var rect = Prepare(frame, box, input.AsSpan(0, model.InputLength));
            model.Run(input, [output]);
            Read(output, rect, points);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input, clearArray: true);
            ArrayPool<float>.Shared.Return(output, clearArray: true);
        }
    }

    /// <summary>The crop of <paramref name="box"/> as the model's input; returns the crop rect the output is relative to.</summary>
    public static Rect Prepare(Mat frame, in FaceBox box, Span<float> input)
    {
        var rect = CropRect.Around(box, 1f, frame.Width, frame.Height);
        using var crop = new Mat(frame, rect);
        using var resized = new Mat();
        using var gray = new Mat();
        Cv2.Resize(crop, resized, new Size(Side, Side), 0, 0, InterpolationFlags.Linear);
        Cv2.CvtColor(resized, gray, ColorConversionCodes.BGR2GRAY);
        TensorWriter.WriteGray(gray, input, 1f / 256, 0f);
        return rect;
    }

    /// <summary>The model's output, normalised to <paramref name="rect"/>, to frame pixels.</summary>
    public static void Read(ReadOnlySpan<float> output, Rect rect, Span<float> points)
    {
        // Normalised to what the network saw: the crop rect (the package maps to the box, which only differs
        // where the rect was shifted at a frame edge, and is then wrong).
        for (var i = 0; i < FaceLandmarks.Count; i++)
        {
            points[2 * i] = (output[2 * i] * rect.Width) + rect.X;
            points[(2 * i) + 1] = (output[(2 * i) + 1] * rect.Height) + rect.Y;
        }
    }
}
