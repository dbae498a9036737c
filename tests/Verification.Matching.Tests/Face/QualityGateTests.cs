using OpenCvSharp;
using Verification.Matching.Face;

namespace Verification.Matching.Tests.Face;

/// <summary>
/// Each gate fires on a webcam-like frame made to fail it, and a good frame passes every gate: a gate that refused
/// everything would pass the failing tests alone.
/// </summary>
public sealed class QualityGateTests(FaceEngineFixture fixture) : IClassFixture<FaceEngineFixture>
{
    private const string Person = "Abel_Pacheco";
    private readonly FaceEngine _engine = fixture.Engine;

    [Fact]
    public void Accepts_a_well_lit_frontal_face_at_webcam_size_for_enrollment_and_sessions()
    {
        using var frame = Frame();
        var jpeg = TestImages.Jpeg(frame);
        Assert.Null(_engine.Analyze(jpeg, fixture.Options.Enrollment).Rejection);
        Assert.Null(_engine.Analyze(jpeg, fixture.Options.Session).Rejection);
    }

    [Fact]
    public void Rejects_a_darkened_frame_as_too_dark()
    {
        using var frame = Frame();
        frame.ConvertTo(frame, -1, 0.2, 0);
        AssertRejected(frame, "too_dark");
    }

    [Fact]
    public void Rejects_an_overexposed_frame_as_too_bright()
    {
        using var frame = Frame();
        frame.ConvertTo(frame, -1, 0.6, 150);
        AssertRejected(frame, "too_bright");
    }

    [Fact]
    public void Rejects_a_blurred_frame_as_blurred()
    {
        using var frame = Frame();
        Cv2.GaussianBlur(frame, frame, new Size(0, 0), 5);
        AssertRejected(frame, "blurred");
    }

    [Fact]
    public void Rejects_a_face_shrunk_far_from_the_camera_as_too_small()
    {
        using var frame = Frame(100);
        AssertRejected(frame, "face_too_small");
    }

    [Fact]
    public void Rejects_two_faces_side_by_side_as_several_faces()
    {
        using var left = TestImages.LfwMat(Person, 1);
        using var right = TestImages.LfwMat("Dean_Barker", 1);
        using var frame = new Mat(480, 640, MatType.CV_8UC3, new Scalar(120, 120, 120));
        using (var roi = new Mat(frame, new Rect(40, 115, 250, 250)))
        {
            left.CopyTo(roi);
        }

        using (var roi = new Mat(frame, new Rect(350, 115, 250, 250)))
        {
            right.CopyTo(roi);
        }

        var analysis = _engine.Analyze(TestImages.Jpeg(frame), fixture.Options.Session);
        Assert.Equal("several_faces", analysis.Rejection?.Code);
        Assert.True(analysis.FacesFound >= 2);
        Assert.NotNull(analysis.Embedding);
    }

    [Fact]
    public void Does_not_accept_a_face_rotated_on_its_side()
    {
        using var upright = Frame();
        using var frame = new Mat();
        Cv2.Rotate(upright, frame, RotateFlags.Rotate90Clockwise);
        var code = _engine.Analyze(TestImages.Jpeg(frame), fixture.Options.Session).Rejection?.Code;
        // The detector was trained on upright faces: on its side the face is either not found or found turned away.
        Assert.True(code is "no_face" or "turned_away", $"code {code}");
    }

    [Fact]
    public void Rejects_a_head_turned_to_the_side_as_turned_away()
    {
        using var frame = Frame(440, TurnedName, TurnedNumber);
        AssertRejected(frame, "turned_away");
    }

    [Fact]
    public void Rejects_closed_eyes_as_eyes_closed()
    {
        using var frame = Frame(440, ClosedEyesName, ClosedEyesNumber);
        AssertRejected(frame, "eyes_closed");
    }

    private void AssertRejected(Mat frame, string code)
    {
        var analysis = _engine.Analyze(TestImages.Jpeg(frame), fixture.Options.Session);
        Assert.True(code == analysis.Rejection?.Code, $"expected {code}, got {analysis.Rejection?.Code}; quality {analysis.Quality}");
        Assert.False(string.IsNullOrWhiteSpace(analysis.Rejection?.LearnerMessage));
    }

    /// <summary>The LFW photo scaled to <paramref name="photoSide"/> on a 640×480 canvas; its face is a little under half that side.</summary>
    private static Mat Frame(int photoSide = 440, string name = Person, int number = 1)
    {
        using var photo = TestImages.LfwMat(name, number);
        return TestImages.OnCanvas(photo, photoSide);
    }
}
