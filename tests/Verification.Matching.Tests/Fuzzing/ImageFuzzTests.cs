using OpenCvSharp;
using Verification.Matching.Face;
using Verification.Matching.Face.Decoding;
using Verification.Testing;

namespace Verification.Matching.Tests.Fuzzing;

/// <summary>
/// The image front end under mutated real photos: the header reader and the decoder answer every input with a
/// header or a rejection and never throw; what they accept fits the limits. Seeded and bounded (docs/fuzzing.md).
/// </summary>
public sealed class ImageFuzzTests
{
    private static readonly FaceOptions Limits = new();

    private static readonly HashSet<string> DecoderCodes =
    [
        "image_empty", "image_too_large", "image_dimensions_too_large", "image_bit_depth_unsupported", "image_corrupt", "image_truncated", "not_an_image",
    ];

    [Fact]
    public void The_header_reader_never_throws_and_reports_dimensions_only_for_a_complete_header() =>
        FuzzRun.Check(ImageMutations.Generator(), image =>
        {
            var header = ImageHeader.Read(image.Data);
            if (header.Problem == HeaderProblem.None)
            {
                Assert.True(header.Width > 0 && header.Height > 0, $"{image}: {header}");
                Assert.NotEqual(ImageFormat.Unknown, header.Format);
            }
        }, ciExecutions: 10_000);

    [Fact]
    public void The_decoder_answers_every_mutated_photo_with_an_image_within_the_limits_or_a_decoder_reason() =>
        FuzzRun.Check(ImageMutations.Generator(), image =>
        {
            var decoder = new ImageDecoder(Limits.MaxImageBytes, Limits.MaxImageSide, Limits.MaxImagePixels, Limits.MaxImageBitDepth);
            var rejection = decoder.TryDecode(image.Data, out var decoded);
            using (decoded)
            {
                if (rejection is not null)
                {
                    Assert.True(DecoderCodes.Contains(rejection.Code), $"{image}: {rejection.Code}");
                    Assert.Null(decoded);
                    return;
                }

                Assert.NotNull(decoded);
                Assert.False(decoded.Empty());
                Assert.Equal(MatType.CV_8UC3, decoded.Type());
                Assert.True((long)decoded.Width * decoded.Height <= Limits.MaxImagePixels, image.ToString());
            }
        }, ciExecutions: 600);
}
