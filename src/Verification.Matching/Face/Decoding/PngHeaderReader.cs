using System.Buffers.Binary;

namespace Verification.Matching.Face.Decoding;

/// <summary>The IHDR chunk of a PNG: dimensions, bit depth and colour type, checked for a combination PNG allows.</summary>
internal static class PngHeaderReader
{
    // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), bit depth (1), colour type (1),
    // compression (1), filter (1), interlace (1).
    private const int IhdrEnd = 29;

    private static ReadOnlySpan<byte> Ihdr => "IHDR"u8;

    private static ReadOnlySpan<byte> Iend => "IEND"u8;

    public static ImageHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < IhdrEnd)
        {
            return Problem(0, 0, 0, HeaderProblem.Truncated);
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(data.Slice(8, 4)) != 13 || !data.Slice(12, 4).SequenceEqual(Ihdr))
        {
            return Problem(0, 0, 0, HeaderProblem.Corrupt);
        }

        var width = Clamp(BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16, 4)));
        var height = Clamp(BinaryPrimitives.ReadUInt32BigEndian(data.Slice(20, 4)));
        var bitDepth = data[24];
        var colourType = data[25];
        if (width == 0 || height == 0 || !IsAllowed(bitDepth, colourType) || data[26] != 0 || data[27] != 0 || data[28] > 1)
        {
            return Problem(width, height, bitDepth, HeaderProblem.Corrupt);
        }

        // A PNG that was cut short has lost its IEND chunk; libpng would decode what arrived and fill the rest.
        var problem = data[IhdrEnd..].LastIndexOf(Iend) < 0 ? HeaderProblem.Truncated : HeaderProblem.None;
        return Problem(width, height, bitDepth, problem);
    }

    private static ImageHeader Problem(int width, int height, int bitDepth, HeaderProblem problem) =>
        new(ImageFormat.Png, width, height, bitDepth, problem);

    private static int Clamp(uint side) => (int)Math.Min(side, int.MaxValue);

    // PNG 1.2, table 11.1: grayscale 1–16, truecolour 8/16, palette 1–8, grey+alpha 8/16, truecolour+alpha 8/16.
    private static bool IsAllowed(byte bitDepth, byte colourType) => colourType switch
    {
        0 => bitDepth is 1 or 2 or 4 or 8 or 16,
        3 => bitDepth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => bitDepth is 8 or 16,
        _ => false,
    };
}
