using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using OpenCvSharp;
using Verification.Matching.Tests.Face;

namespace Verification.Matching.Tests.Fuzzing;

/// <summary>
/// Hostile images grown from real ones: LFW JPEGs and PNGs made from them, then cut short, bit-flipped, given segment
/// or chunk lengths that lie, or dimensions no camera gives. Each case names its seed file and mutation.
/// </summary>
internal static class ImageMutations
{
    private static readonly (string Person, int Number)[] Photos =
        [("AJ_Lamas", 1), ("Aaron_Guiel", 1), ("Aaron_Patterson", 1), ("Aaron_Sorkin", 1), ("Aaron_Tippin", 1), ("Abbas_Kiarostami", 1)];

    private static readonly Lazy<byte[][]> LazySeeds = new(LoadSeeds);

    public static byte[][] Seeds => LazySeeds.Value;

    public static Gen<MutatedImage> Generator() =>
        from seed in Gen.Choose(0, Seeds.Length - 1)
        from kind in Gen.Elements(Enum.GetValues<Mutation>())
        from position in Gen.Choose(0, int.MaxValue - 1)
        from value in Gen.Choose(0, int.MaxValue - 1)
        from count in Gen.Choose(1, 8)
        select new MutatedImage(seed, kind, Apply(Seeds[seed], kind, position, value, count));

    private static byte[] Apply(byte[] original, Mutation kind, int position, int value, int count)
    {
        var data = (byte[])original.Clone();
        switch (kind)
        {
            case Mutation.Truncate:
                return data[..(position % data.Length)];
            case Mutation.FlipBits:
                var random = new System.Random(position);
                for (var i = 0; i < count; i++)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case Mutation.LieAboutLength:
                var lengths = LengthFields(data);
                var at = lengths[position % lengths.Count];
                if (IsPng(data))
                {
                    BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(at), (uint)value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at), (ushort)value);
                }

                return data;
            case Mutation.HugeDimensions:
                WriteDimensions(data, value, position);
                return data;
            case Mutation.TruncateAndFlip:
                var cut = data[..Math.Max(1, position % data.Length)];
                cut[value % cut.Length] ^= (byte)(1 << count % 8);
                return cut;
            default:
                return data;
        }
    }

    private static bool IsPng(byte[] data) => data[0] == 0x89;

    /// <summary>Offsets of every JPEG segment length (up to the scan) or PNG chunk length.</summary>
    private static List<int> LengthFields(byte[] data)
    {
        var fields = new List<int>();
        if (IsPng(data))
        {
            for (var at = 8; at + 8 <= data.Length; at += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at)))
            {
                fields.Add(at);
            }

            return fields;
        }

        for (var at = 2; at + 4 <= data.Length && data[at] == 0xFF; at += 2 + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 2)))
        {
            fields.Add(at + 2);
            if (data[at + 1] == 0xDA)
            {
                break;
            }
        }

        return fields;
    }

    private static void WriteDimensions(byte[] data, int width, int height)
    {
        if (IsPng(data))
        {
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(16), (uint)width);
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(20), (uint)height);
            return;
        }

        var sof = data.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        if (sof > 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(sof + 5), (ushort)height);
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(sof + 7), (ushort)width);
        }
    }

    private static byte[][] LoadSeeds()
    {
        var seeds = new List<byte[]>();
        foreach (var (person, number) in Photos)
        {
            var jpeg = TestImages.Lfw(person, number);
            seeds.Add(jpeg);
            using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
            seeds.Add(TestImages.Png(image));
        }

        return [.. seeds];
    }
}

internal enum Mutation
{
    Truncate,
    FlipBits,
    LieAboutLength,
    HugeDimensions,
    TruncateAndFlip,
}

/// <summary>A hostile image and where it came from; the bytes are not printed, the origin is enough to rebuild them.</summary>
internal sealed record MutatedImage(int Seed, Mutation Kind, byte[] Data)
{
    public override string ToString() => $"seed {Seed}, {Kind}, {Data.Length} bytes";
}
