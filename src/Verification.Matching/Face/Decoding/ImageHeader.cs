using System.Buffers.Binary;

namespace Verification.Matching.Face.Decoding;

internal enum ImageFormat
{
    Unknown,
    Jpeg,
    Png,
}

internal enum HeaderProblem
{
    None,
    NotAnImage,
    Corrupt,
    Truncated,
}

/// <summary>
/// What a JPEG or PNG declares about itself, read without decoding a pixel: the format, the dimensions (so a
/// decompression bomb is refused before libjpeg/libpng allocate for it) and whether the file reaches its end marker.
/// </summary>
internal readonly record struct ImageHeader(ImageFormat Format, int Width, int Height, HeaderProblem Problem)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> PngIhdr => "IHDR"u8;

    private static ReadOnlySpan<byte> PngIend => "IEND"u8;

    private static ReadOnlySpan<byte> JpegEndOfImage => [0xFF, 0xD9];

    public static ImageHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return ReadPng(data);
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ReadJpeg(data);
        }

        return new ImageHeader(ImageFormat.Unknown, 0, 0, HeaderProblem.NotAnImage);
    }

    private static ImageHeader ReadPng(ReadOnlySpan<byte> data)
    {
        // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4).
        if (data.Length < 24)
        {
            return new ImageHeader(ImageFormat.Png, 0, 0, HeaderProblem.Truncated);
        }

        if (!data.Slice(12, 4).SequenceEqual(PngIhdr))
        {
            return new ImageHeader(ImageFormat.Png, 0, 0, HeaderProblem.Corrupt);
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(20, 4));
        var clampedWidth = (int)Math.Min(width, int.MaxValue);
        var clampedHeight = (int)Math.Min(height, int.MaxValue);
        if (width == 0 || height == 0)
        {
            return new ImageHeader(ImageFormat.Png, clampedWidth, clampedHeight, HeaderProblem.Corrupt);
        }

        // A PNG that was cut short has lost its IEND chunk; libpng would decode what arrived and fill the rest.
        var problem = data[8..].LastIndexOf(PngIend) < 0 ? HeaderProblem.Truncated : HeaderProblem.None;
        return new ImageHeader(ImageFormat.Png, clampedWidth, clampedHeight, problem);
    }

    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data)
    {
        var width = 0;
        var height = 0;
        var position = 2;
        while (true)
        {
            // Markers may be preceded by any number of 0xFF fill bytes.
            if (position >= data.Length)
            {
                return new ImageHeader(ImageFormat.Jpeg, width, height, HeaderProblem.Truncated);
            }

            if (data[position] != 0xFF)
            {
                return new ImageHeader(ImageFormat.Jpeg, width, height, HeaderProblem.Corrupt);
            }

            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                return new ImageHeader(ImageFormat.Jpeg, width, height, HeaderProblem.Truncated);
            }

            var marker = data[position++];
            if (marker == 0x01 || marker is >= 0xD0 and <= 0xD8)
            {
                continue;
            }

            if (marker == 0xD9)
            {
                return new ImageHeader(ImageFormat.Jpeg, width, height, HeaderProblem.Corrupt);
            }

            if (position + 2 > data.Length)
            {
                return new ImageHeader(ImageFormat.Jpeg, width, height, HeaderProblem.Truncated);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position, 2));
            if (length < 2)
            {
                return new ImageHeader(ImageFormat.Jpeg, width, height, HeaderProblem.Corrupt);
            }

            if (IsStartOfFrame(marker))
            {
                // Segment: length (2), precision (1), height (2), width (2).
                if (position + 7 > data.Length)
                {
                    return new ImageHeader(ImageFormat.Jpeg, width, height, HeaderProblem.Truncated);
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 3, 2));
                width = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 5, 2));
                if (width == 0 || height == 0)
                {
                    // Height 0 means "defined by a DNL marker later": legal in theory, refused here as nobody sends it.
                    return new ImageHeader(ImageFormat.Jpeg, width, height, HeaderProblem.Corrupt);
                }
            }

            if (marker == 0xDA)
            {
                if (width == 0)
                {
                    return new ImageHeader(ImageFormat.Jpeg, 0, 0, HeaderProblem.Corrupt);
                }

                // Entropy-coded data never holds FF D9 (0xFF is stuffed as FF 00), so its absence after the scan
                // starts means the file was cut short; libjpeg would pad it with gray and only warn.
                var scan = data[(position + length)..];
                var problem = position + length <= data.Length && scan.LastIndexOf(JpegEndOfImage) >= 0
                    ? HeaderProblem.None
                    : HeaderProblem.Truncated;
                return new ImageHeader(ImageFormat.Jpeg, width, height, problem);
            }

            position += length;
        }
    }

    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}
