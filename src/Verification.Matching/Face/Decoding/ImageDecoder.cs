using OpenCvSharp;

namespace Verification.Matching.Face.Decoding;

/// <summary>
/// Turns untrusted bytes into a BGR frame, or into the reason it cannot. Every limit is checked on the header before
/// OpenCV sees the data, so neither a huge file, nor a small file declaring 100000×100000 pixels, nor a 70 KB PNG
/// declaring 3000×3000 pixels of 16 bits gets decoded. It never throws for bad input.
/// </summary>
internal sealed class ImageDecoder(int maxBytes, int maxSide, long maxPixels, int maxBitDepth)
{
    public FaceRejection? TryDecode(ReadOnlySpan<byte> data, out Mat? image)
    {
        image = null;
        if (data.IsEmpty)
        {
            return FaceRejections.ImageEmpty;
        }

        if (data.Length > maxBytes)
        {
            return FaceRejections.ImageTooLarge;
        }

        var header = ImageHeader.Read(data);
        switch (header.Problem)
        {
            case HeaderProblem.NotAnImage:
                return FaceRejections.NotAnImage;
            case HeaderProblem.Corrupt:
                return FaceRejections.ImageCorrupt;
            case HeaderProblem.None:
            case HeaderProblem.Truncated:
                break;
        }

        // Dimensions and depth first: a truncated bomb is still a bomb, and the size is the more useful message.
        if (header.Width > maxSide || header.Height > maxSide || (long)header.Width * header.Height > maxPixels)
        {
            return FaceRejections.ImageDimensionsTooLarge;
        }

        if (header.BitDepth > maxBitDepth)
        {
            return FaceRejections.ImageBitDepthUnsupported;
        }

        if (header.Problem == HeaderProblem.Truncated)
        {
            return FaceRejections.ImageTruncated;
        }

        Mat decoded;
        try
        {
            decoded = Cv2.ImDecode(data, ImreadModes.Color);
        }
        catch (OpenCVException)
        {
            // libjpeg/libpng errors surface as OpenCVException; a bad image is an expected refusal, not a bug.
            return FaceRejections.ImageCorrupt;
        }

        // EXIF orientation may swap the sides; any other size means the header lied.
        var sizeMatches = (decoded.Width == header.Width && decoded.Height == header.Height)
            || (decoded.Width == header.Height && decoded.Height == header.Width);
        if (decoded.Empty() || !sizeMatches)
        {
            decoded.Dispose();
            return FaceRejections.ImageCorrupt;
        }

        image = decoded;
        return null;
    }
}
