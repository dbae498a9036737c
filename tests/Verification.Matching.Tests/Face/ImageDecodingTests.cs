using System.Buffers.Binary;
using OpenCvSharp;
using Verification.Matching.Face;

namespace Verification.Matching.Tests.Face;

public sealed class ImageDecodingTests(FaceEngineFixture fixture) : IClassFixture<FaceEngineFixture>
{
    private readonly FaceEngine _engine = fixture.Engine;
    private readonly QualityGateSettings _gates = fixture.Options.Session;

    [Fact]
    public void Rejects_a_zero_byte_image_as_empty() =>
        Assert.Equal("image_empty", _engine.Analyze([], _gates).Rejection?.Code);

    [Fact]
    public void Rejects_text_as_not_an_image() =>
        Assert.Equal("not_an_image", _engine.Analyze("hello, this is not a picture"u8, _gates).Rejection?.Code);

    [Fact]
    public void Rejects_a_gif_as_not_an_image() =>
        Assert.Equal("not_an_image", _engine.Analyze("GIF89a\x01\x00\x01\x00\x00\x00\x00;"u8, _gates).Rejection?.Code);

    [Fact]
    public void Rejects_a_truncated_jpeg_with_its_reason_code()
    {
        using var image = Synthetic();
        var jpeg = TestImages.Jpeg(image);
        var analysis = _engine.Analyze(jpeg.AsSpan(0, jpeg.Length * 2 / 3), _gates);
        Assert.Equal("image_truncated", analysis.Rejection?.Code);
    }

    [Fact]
    public void Rejects_a_truncated_png_with_its_reason_code()
    {
        using var image = Synthetic();
        var png = TestImages.Png(image);
        Assert.Equal("image_truncated", _engine.Analyze(png.AsSpan(0, png.Length / 2), _gates).Rejection?.Code);
    }

    [Fact]
    public void Rejects_an_lfw_jpeg_cut_inside_its_start_of_scan_header_as_truncated()
    {
        // AJ_Lamas_0001.jpg: the SOS marker sits at byte 609 and its 12-byte segment is cut after its length field.
        var jpeg = TestImages.Lfw("AJ_Lamas", 1);
        Assert.Equal(0xDA, jpeg[610]);
        Assert.Equal("image_truncated", _engine.Analyze(jpeg.AsSpan(0, 613), _gates).Rejection?.Code);
    }

    [Fact]
    public void Rejects_every_prefix_of_an_lfw_jpeg_header_without_throwing()
    {
        var jpeg = TestImages.Lfw("AJ_Lamas", 1);
        for (var length = 1; length < 1024; length++)
        {
            var code = _engine.Analyze(jpeg.AsSpan(0, length), _gates).Rejection?.Code;
            Assert.True(code is "image_truncated" or "image_corrupt" or "not_an_image", $"{length} bytes gave {code}");
        }
    }

    [Fact]
    public void Refuses_a_16_bit_3000_by_3000_png_from_its_header()
    {
        using var flat = new Mat(3000, 3000, MatType.CV_16UC3, Scalar.All(30000));
        Cv2.ImEncode(".png", flat, out var png, new ImageEncodingParam(ImwriteFlags.PngCompression, 9));
        Assert.True(png.Length < 200_000, $"{png.Length} bytes");
        Assert.Equal("image_bit_depth_unsupported", _engine.Analyze(png, _gates).Rejection?.Code);
    }

    [Fact]
    public void Refuses_a_12_bit_jpeg_from_its_frame_header()
    {
        using var image = Synthetic();
        var jpeg = TestImages.Jpeg(image);
        var sof = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        jpeg[sof + 4] = 12;
        Assert.Equal("image_bit_depth_unsupported", _engine.Analyze(jpeg, _gates).Rejection?.Code);
    }

    [Fact]
    public void Rejects_a_jpeg_whose_segment_length_runs_past_the_end_as_truncated()
    {
        using var image = Synthetic();
        var jpeg = TestImages.Jpeg(image);
        // The first segment after SOI claims 65535 bytes, more than the whole file.
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(4), 0xFFFF);
        Assert.Equal("image_truncated", _engine.Analyze(jpeg, _gates).Rejection?.Code);
    }

    [Fact]
    public void Rejects_a_jpeg_with_garbage_after_its_signature_as_corrupt()
    {
        byte[] data = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0x12, 0x34, 0x56, 0x78, 0x9A];
        Assert.Equal("image_corrupt", _engine.Analyze(data, _gates).Rejection?.Code);
    }

    [Fact]
    public void Rejects_a_png_whose_pixel_data_is_scrambled_as_corrupt()
    {
        using var image = Synthetic();
        var png = TestImages.Png(image);
        // Scramble the zlib stream of the first IDAT chunk (after signature and IHDR, 33 bytes in).
        var idat = png.AsSpan().IndexOf("IDAT"u8);
        for (var i = idat + 4; i < idat + 40; i++)
        {
            png[i] ^= 0x5A;
        }

        Assert.Equal("image_corrupt", _engine.Analyze(png, _gates).Rejection?.Code);
    }

    [Fact]
    public void Refuses_a_png_declaring_100000_by_100000_pixels_from_its_header()
    {
        var png = PngHeaderOnly(100_000, 100_000);
        Assert.Equal("image_dimensions_too_large", _engine.Analyze(png, _gates).Rejection?.Code);
    }

    [Fact]
    public void Refuses_a_jpeg_declaring_60000_by_60000_pixels_from_its_header()
    {
        using var image = Synthetic();
        var jpeg = TestImages.Jpeg(image);
        var sof = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.True(sof > 0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), 60000);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), 60000);
        Assert.Equal("image_dimensions_too_large", _engine.Analyze(jpeg, _gates).Rejection?.Code);
    }

    [Fact]
    public void Refuses_a_file_over_the_byte_limit_before_reading_it()
    {
        var data = new byte[fixture.Options.MaxImageBytes + 1];
        data[0] = 0xFF;
        data[1] = 0xD8;
        data[2] = 0xFF;
        Assert.Equal("image_too_large", _engine.Analyze(data, _gates).Rejection?.Code);
    }

    [Fact]
    public void Decodes_a_valid_png_without_a_face_to_no_face()
    {
        using var image = Synthetic();
        var analysis = _engine.Analyze(TestImages.Png(image), _gates);
        Assert.Equal("no_face", analysis.Rejection?.Code);
        Assert.Equal(0, analysis.FacesFound);
    }

    private static Mat Synthetic()
    {
        var image = new Mat(240, 320, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        Cv2.GaussianBlur(image, image, new Size(0, 0), 3);
        return image;
    }

    /// <summary>A PNG that is nothing but a valid signature, IHDR and IEND: all a decompression bomb needs to claim its size.</summary>
    private static byte[] PngHeaderOnly(uint width, uint height)
    {
        var png = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        AddChunk(png, "IHDR"u8, ihdr);
        AddChunk(png, "IDAT"u8, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        AddChunk(png, "IEND"u8, []);
        return [.. png];
    }

    private static void AddChunk(List<byte> png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.AddRange(length);
        byte[] typed = [.. type, .. data];
        png.AddRange(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.AddRange(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
