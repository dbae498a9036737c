using System.Buffers.Binary;

namespace Verification.Matching.Face.Decoding;

/// <summary>
/// Walks a JPEG's marker segments up to the start of scan: the frame header gives the dimensions and sample
/// precision, and the scan must be followed by an end-of-image marker. Every segment length is checked against the
/// data before it is used, because the lengths are whatever the sender wrote.
/// </summary>
internal static class JpegHeaderReader
{
    private const byte StartOfScan = 0xDA;

    private const byte EndOfImage = 0xD9;

    private static ReadOnlySpan<byte> EndOfImageMarker => [0xFF, EndOfImage];

    public static ImageHeader Read(ReadOnlySpan<byte> data)
    {
        var width = 0;
        var height = 0;
        var precision = 0;
        var position = 2;
        while (true)
        {
            if (position >= data.Length)
            {
                return Problem(width, height, precision, HeaderProblem.Truncated);
            }

            if (data[position] != 0xFF)
            {
                return Problem(width, height, precision, HeaderProblem.Corrupt);
            }

            // Markers may be preceded by any number of 0xFF fill bytes.
            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                return Problem(width, height, precision, HeaderProblem.Truncated);
            }

            var marker = data[position++];
            if (marker == 0x01 || marker is >= 0xD0 and <= 0xD8)
            {
                continue;
            }

            if (marker == EndOfImage || marker == 0x00)
            {
                return Problem(width, height, precision, HeaderProblem.Corrupt);
            }

            if (data.Length - position < 2)
            {
                return Problem(width, height, precision, HeaderProblem.Truncated);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position, 2));
            if (length < 2)
            {
                return Problem(width, height, precision, HeaderProblem.Corrupt);
            }

            // The whole segment must have arrived before any field in it is read.
            if (data.Length - position < length)
            {
                return Problem(width, height, precision, HeaderProblem.Truncated);
            }

            if (IsStartOfFrame(marker))
            {
                // Segment: length (2), precision (1), height (2), width (2), components (1).
                if (length < 8 || width != 0)
                {
                    // Too short to hold its fields, or a second frame header: not a baseline or progressive JPEG.
                    return Problem(width, height, precision, HeaderProblem.Corrupt);
                }

                precision = data[position + 2];
                height = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 3, 2));
                width = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 5, 2));
                if (width == 0 || height == 0)
                {
                    // Height 0 means "defined by a DNL marker later": legal in theory, refused here as nobody sends it.
                    return Problem(width, height, precision, HeaderProblem.Corrupt);
                }
            }

            if (marker == StartOfScan)
            {
                if (width == 0)
                {
                    return Problem(0, 0, 0, HeaderProblem.Corrupt);
                }

                // Entropy-coded data never holds FF D9 (0xFF is stuffed as FF 00), so its absence after the scan
                // starts means the file was cut short; libjpeg would pad it with gray and only warn.
                var scan = data[(position + length)..];
                var problem = scan.LastIndexOf(EndOfImageMarker) >= 0 ? HeaderProblem.None : HeaderProblem.Truncated;
                return Problem(width, height, precision, problem);
            }

            position += length;
        }
    }

    private static ImageHeader Problem(int width, int height, int precision, HeaderProblem problem) =>
        new(ImageFormat.Jpeg, width, height, precision, problem);

    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}
