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
/// What a JPEG or PNG declares about itself, read without decoding a pixel: the format, the dimensions and the bits per
/// sample (so a decompression bomb is refused before libjpeg/libpng allocate for it) and whether the file reaches its
/// end marker. Reading never throws: every slice is bounds-checked, and a header that runs past the data is
/// <see cref="HeaderProblem.Truncated"/>.
/// </summary>
internal readonly record struct ImageHeader(ImageFormat Format, int Width, int Height, int BitDepth, HeaderProblem Problem)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return PngHeaderReader.Read(data);
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return JpegHeaderReader.Read(data);
        }

        return new ImageHeader(ImageFormat.Unknown, 0, 0, 0, HeaderProblem.NotAnImage);
    }
}
