using System.Buffers;

namespace Verification.Matching.Face.Inference;

/// <summary>A model's input for one frame, rented from the shared pool and returned cleared (it holds face pixels).</summary>
internal sealed class RentedTensor(int length) : IDisposable
{
    public float[] Buffer { get; } = ArrayPool<float>.Shared.Rent(length);

    public Span<float> Span => Buffer.AsSpan(0, length);

    public void Dispose() => ArrayPool<float>.Shared.Return(Buffer, clearArray: true);
}
