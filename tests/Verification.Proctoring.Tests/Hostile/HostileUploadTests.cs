using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenCvSharp;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Hostile;

/// <summary>
/// Broken and hostile pictures on the enrollment uploads of the real Host: each gets a 4xx problem with a reason
/// code, the request log records that status, and nothing is logged as an error or with a stack trace.
/// </summary>
public sealed class HostileUploadTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    /// <summary>The first 613 bytes of a 250×250 LFW JPEG: cut inside its start-of-scan header.</summary>
    private static byte[] CutInsideScanHeader() => FaceImages.Of(Enrollments.Person, 1)[0][..613];

    [Fact]
    public async Task A_jpeg_cut_inside_its_scan_header_is_refused_with_422_on_the_frame_upload()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Cut Frame");
        var mark = app.Factory.Log.Mark();

        using var response = await app.UploadFrameAsync(learner, token, CutInsideScanHeader());

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "image_truncated");
        await AssertQuietRefusal(mark, "/identity/frames", 422);
    }

    [Fact]
    public async Task A_jpeg_cut_inside_its_scan_header_is_refused_with_422_on_the_id_photo_upload()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Cut Id Photo");
        using (var frame = await app.UploadFrameAsync(learner, token, FaceImages.Of(Enrollments.Person, 1)[0]))
        {
            await Enrollments.EnsureOkAsync(frame);
        }

        var mark = app.Factory.Log.Mark();
        using var response = await app.UploadIdPhotoAsync(learner, token, CutInsideScanHeader());

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "image_truncated");
        await AssertQuietRefusal(mark, "/identity/id-photo", 422);
    }

    [Fact]
    public async Task A_70_kb_png_declaring_3000_by_3000_pixels_of_16_bits_is_refused_with_422_before_decoding()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Png Bomb");
        using var flat = new Mat(3000, 3000, MatType.CV_16UC3, OpenCvSharp.Scalar.All(30000));
        var png = flat.ImEncode(".png", new ImageEncodingParam(ImwriteFlags.PngCompression, 9));
        var mark = app.Factory.Log.Mark();

        using var response = await app.SendAsync(
            HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/frames", token, Enrollments.Image(png, "image/png"));

        Assert.True(png.Length < 100_000, $"{png.Length} bytes");
        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "image_bit_depth_unsupported");
        await AssertQuietRefusal(mark, "/identity/frames", 422);
    }

    [Fact]
    public async Task A_multipart_upload_that_ends_before_its_closing_boundary_is_refused_with_400()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Cut Multipart");
        var photo = FaceImages.Of(Enrollments.Person, 1)[0];
        var head = Encoding.ASCII.GetBytes(
            "--cut\r\nContent-Disposition: form-data; name=\"image\"; filename=\"face.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
        var content = new ByteArrayContent([.. head, .. photo.AsSpan(0, photo.Length / 2)]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        var mark = app.Factory.Log.Mark();

        using var response = await app.SendAsync(HttpMethod.Put, $"/api/v1/learners/{learner.LearnerId}/identity/id-photo", token, content);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "request_incomplete");
        await AssertQuietRefusal(mark, "/identity/id-photo", 400);
    }

    [Fact]
    public async Task A_picture_sent_as_text_is_refused_with_415()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Text Picture");
        var mark = app.Factory.Log.Mark();

        using var response = await app.SendAsync(
            HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/frames", token, new StringContent("not a picture", Encoding.UTF8, "text/plain"));

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertQuietRefusal(mark, "/identity/frames", 415);
    }

    [Fact]
    public async Task A_typing_sample_sent_as_text_is_refused_with_415_and_a_reason_code()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Text Typing");
        var mark = app.Factory.Log.Mark();

        using var response = await app.SendAsync(
            HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/typing-samples", token, new StringContent("{}", Encoding.UTF8, "text/plain"));

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertQuietRefusal(mark, "/identity/typing-samples", 415);
    }

    [Fact]
    public async Task A_typing_sample_with_a_null_event_is_refused_with_422_invalid_event()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Null Event");
        var mark = app.Factory.Log.Mark();

        using var response = await app.SendAsync(
            HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/typing-samples", token, Json("""{ "events": [null] }"""));

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "typing_sample_unusable");
        await AssertQuietRefusal(mark, "/identity/typing-samples", 422);
    }

    [Fact]
    public async Task A_typing_sample_that_is_not_json_is_refused_with_400_request_malformed()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Broken Json");
        var mark = app.Factory.Log.Mark();

        using var response = await app.SendAsync(
            HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/typing-samples", token, Json("""{ "events": [ { "type": "down", """));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "request_malformed");
        await AssertQuietRefusal(mark, "/identity/typing-samples", 400);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task AssertQuietRefusal(int mark, string path, int status)
    {
        Assert.Equal([status], await app.Factory.Log.RequestStatusesAsync(mark, path));
        Assert.Empty(app.Factory.Log.ErrorsSince(mark));
    }
}
