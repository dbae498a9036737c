using System.Buffers;
using OpenCvSharp;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Face.Detection;

/// <summary>
/// fr_detect (320×240, Ultra-Light-Fast layout). The graph already softmaxes the scores and decodes the boxes into
/// corner form normalised to the input, so they are only scaled here, never decoded a second time.
/// </summary>
internal sealed class FaceDetector(OnnxModel model, PlaneOrder order, NmsMode nms)
{
    public const int InputWidth = 320;
    public const int InputHeight = 240;
    public const float ScoreThreshold = 0.65f;
    public const float NmsThreshold = 0.4f;
    private const int MaxCandidates = 750;
    private static readonly float[] Scale = [1f / 128, 1f / 128, 1f / 128];
    private static readonly float[] Bias = [-127f / 128, -127f / 128, -127f / 128];

    /// <summary>Finds faces in <paramref name="frame"/>; writes up to faces.Length of them, best score first, and returns how many were found.</summary>
    public int Detect(Mat frame, Span<FaceBox> faces)
    {
        var input = ArrayPool<float>.Shared.Rent(model.InputLength);
        var scores = ArrayPool<float>.Shared.Rent(model.OutputLengths[0]);
        var boxes = ArrayPool<float>.Shared.Rent(model.OutputLengths[1]);
        var anchors = model.OutputLengths[0] / 2;
        var candidates = ArrayPool<FaceBox>.Shared.Rent(anchors);
        try
        {
            Prepare(frame, input.AsSpan(0, model.InputLength));
            model.Run(input, [scores, boxes]);
            return Read(scores, boxes, frame.Width, frame.Height, candidates, faces);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input, clearArray: true);
            ArrayPool<float>.Shared.Return(scores, clearArray: true);
            ArrayPool<float>.Shared.Return(boxes, clearArray: true);
            ArrayPool<FaceBox>.Shared.Return(candidates, clearArray: true);
        }
    }

    /// <summary>The frame stretched to 320×240 and normalised into the model's input tensor.</summary>
    public void Prepare(Mat frame, Span<float> input)
    {
        using var resized = new Mat();
        Cv2.Resize(frame, resized, new Size(InputWidth, InputHeight), 0, 0, InterpolationFlags.Linear);
        TensorWriter.WriteColor(resized, input, order, Scale, Bias);
    }

    /// <summary>The model's outputs to square frame boxes; <paramref name="candidates"/> is scratch of one box per anchor.</summary>
    public int Read(float[] scores, float[] boxes, int width, int height, FaceBox[] candidates, Span<FaceBox> faces)
    {
        var count = Collect(scores, boxes, model.OutputLengths[0] / 2, width, height, candidates);
        var span = candidates.AsSpan(0, count);
        span.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        span = span[..Math.Min(count, MaxCandidates)];
        var kept = NonMaximumSuppression.Apply(span, NmsThreshold, nms);
        var written = Math.Min(kept, faces.Length);
        for (var i = 0; i < written; i++)
        {
            faces[i] = MakeSquare(span[i], width, height);
        }

        return kept;
    }

    private static int Collect(float[] scores, float[] boxes, int anchors, int width, int height, FaceBox[] candidates)
    {
        var count = 0;
        for (var i = 0; i < anchors; i++)
        {
            // Column 1 is "face"; rows already sum to 1.
            var score = scores[(2 * i) + 1];
            if (score < ScoreThreshold)
            {
                continue;
            }

            var b = 4 * i;
            candidates[count++] = new FaceBox(boxes[b] * width, boxes[b + 1] * height, boxes[b + 2] * width, boxes[b + 3] * height, score);
        }

        return count;
    }

    /// <summary>Side = box height about the box centre, clamped to the frame, as the landmark model was fed.</summary>
    private static FaceBox MakeSquare(in FaceBox box, int width, int height)
    {
        var side = box.Height;
        var cx = (box.X1 + box.X2) / 2;
        var cy = (box.Y1 + box.Y2) / 2;
        return new FaceBox(
            MathF.Max(cx - (side / 2), 0),
            MathF.Max(cy - (side / 2), 0),
            MathF.Min(cx + (side / 2), width - 1),
            MathF.Min(cy + (side / 2), height - 1),
            box.Score);
    }
}
