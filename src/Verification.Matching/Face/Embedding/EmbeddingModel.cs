using System.Buffers;
using System.Numerics.Tensors;
using OpenCvSharp;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Face.Embedding;

/// <summary>
/// fr_feature: aligned 112×112 face, (v − 127) / 128, to a raw 512-d vector that is L2-normalised here (the graph
/// does not). With <c>flip</c> the vector is the sum of the face's and its mirror image's, a common test-time
/// augmentation; docs/evaluation/face.md measures whether it pays for its second inference.
/// </summary>
internal sealed class EmbeddingModel(OnnxModel model, PlaneOrder order, bool flip)
{
    private static readonly float[] Scale = [1f / 128, 1f / 128, 1f / 128];
    private static readonly float[] Bias = [-127f / 128, -127f / 128, -127f / 128];

    public int Dimension => model.OutputLengths[0];

    public void Embed(Mat aligned, Span<float> embedding)
    {
        var input = ArrayPool<float>.Shared.Rent(model.InputLength);
        var output = ArrayPool<float>.Shared.Rent(model.OutputLengths[0]);
        try
        {
            var inputSpan = input.AsSpan(0, model.InputLength);
            var outputSpan = output.AsSpan(0, Dimension);
            Prepare(aligned, inputSpan);
            model.Run(input, [output]);
            outputSpan.CopyTo(embedding);
            if (flip)
            {
                Prepare(aligned, inputSpan, mirror: true);
                model.Run(input, [output]);
                TensorPrimitives.Add(embedding, outputSpan, embedding);
            }

            Normalize(embedding);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input, clearArray: true);
            ArrayPool<float>.Shared.Return(output, clearArray: true);
        }
    }

    /// <summary>The aligned face (optionally mirrored) as the model's input.</summary>
    public void Prepare(Mat aligned, Span<float> input, bool mirror = false) =>
        TensorWriter.WriteColor(aligned, input, order, Scale, Bias, mirror);

    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
