using System.Buffers.Binary;
using System.Numerics.Tensors;
using Verification.Matching.Face.Embedding;
using Verification.Matching.Face.Templates;

namespace Verification.Matching.Face;

/// <summary>
/// A learner's face profile from several enrollment frames. It keeps every embedding (so the combination can change
/// without re-enrolling) and scores a probe with the method measured best, the mean embedding
/// (docs/evaluation/face.md, "Multi-frame template"). Immutable, hence thread-safe.
/// </summary>
public sealed class FaceTemplate
{
    private const uint Magic = 0x31544656; // "VFT1" little-endian
    private const int HeaderLength = 12;
    private readonly float[] _embeddings;
    private readonly float[] _mean;

    private FaceTemplate(float[] embeddings, int count, int dimension, TemplateMethod method)
    {
        _embeddings = embeddings;
        Count = count;
        Dimension = dimension;
        Method = method;
        _mean = new float[dimension];
        for (var i = 0; i < count; i++)
        {
            TensorPrimitives.Add(_mean, Row(i), _mean);
        }

        EmbeddingModel.Normalize(_mean);
    }

    public int Count { get; }

    public int Dimension { get; }

    internal TemplateMethod Method { get; }

    internal static TemplateMethod DefaultMethod => TemplateMethod.MeanEmbedding;

    public static FaceTemplate Create(IReadOnlyList<float[]> embeddings) => Create(embeddings, DefaultMethod);

    internal static FaceTemplate Create(IReadOnlyList<float[]> embeddings, TemplateMethod method)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Count == 0 || embeddings.Count > ushort.MaxValue)
        {
            throw new ArgumentException("A template needs between 1 and 65535 embeddings.", nameof(embeddings));
        }

        var dimension = embeddings[0].Length;
        var data = new float[embeddings.Count * dimension];
        for (var i = 0; i < embeddings.Count; i++)
        {
            if (embeddings[i].Length != dimension || dimension == 0)
            {
                throw new ArgumentException("Every embedding must have the same, non-zero length.", nameof(embeddings));
            }

            // Normalised on the way in, so a caller's unnormalised vector cannot outweigh the others in the mean.
            var row = data.AsSpan(i * dimension, dimension);
            embeddings[i].CopyTo(row);
            EmbeddingModel.Normalize(row);
        }

        return new FaceTemplate(data, embeddings.Count, dimension, method);
    }

    /// <summary>Similarity of <paramref name="probe"/> to this template, comparable with FaceOptions.MatchThreshold.</summary>
    public float Score(ReadOnlySpan<float> probe)
    {
        if (probe.Length != Dimension)
        {
            throw new ArgumentException($"The probe has {probe.Length} values, the template {Dimension}.", nameof(probe));
        }

        switch (Method)
        {
            case TemplateMethod.BestOf:
                var best = float.MinValue;
                for (var i = 0; i < Count; i++)
                {
                    best = MathF.Max(best, FaceEngine.Similarity(Row(i), probe));
                }

                return best;
            case TemplateMethod.MeanScore:
                var sum = 0f;
                for (var i = 0; i < Count; i++)
                {
                    sum += FaceEngine.Similarity(Row(i), probe);
                }

                return sum / Count;
            case TemplateMethod.MeanEmbedding:
            default:
                return FaceEngine.Similarity(_mean, probe);
        }
    }

    /// <summary>Magic "VFT1", method, reserved byte, count, dimension, then the embeddings as little-endian float32.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderLength + (_embeddings.Length * sizeof(float))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span[4] = (byte)Method;
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)Count);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Dimension);
        for (var i = 0; i < _embeddings.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[(HeaderLength + (i * sizeof(float)))..], _embeddings[i]);
        }

        return bytes;
    }

    /// <exception cref="FormatException">The bytes are not a template written by <see cref="ToBytes"/>.</exception>
    public static FaceTemplate FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new FormatException("Not a face template.");
        }

        var method = (TemplateMethod)bytes[4];
        if (!Enum.IsDefined(method))
        {
            throw new FormatException($"Unknown template method {bytes[4]}.");
        }

        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]);
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (count == 0 || dimension is <= 0 or > 4096 || bytes.Length != HeaderLength + ((long)count * dimension * sizeof(float)))
        {
            throw new FormatException("The face template's length does not match its header.");
        }

        var data = new float[count * dimension];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(HeaderLength + (i * sizeof(float)))..]);
        }

        return new FaceTemplate(data, count, dimension, method);
    }

    private ReadOnlySpan<float> Row(int index) => _embeddings.AsSpan(index * Dimension, Dimension);
}
