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

    // Chosen by looking at them: a head in three-quarter view, and a face with both eyes shut.
    private const string TurnedName = "Joe_Mantegna";
    private const int TurnedNumber = 1;
    private const string ClosedEyesName = "Celine_Dion";
    private const int ClosedEyesNumber = 3;
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
        using var frame = Frame(90);
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
        var analysis = _engine.Analyze(TestImages.Jpeg(frame), fixture.Options.Session);
        // The detector was trained on upright faces: on its side the face is not found, found turned away, or split
        // into several detections (what this photo gives). Any of them refuses the frame; none may accept it.
        Assert.True(analysis.Rejection?.Code is "no_face" or "turned_away" or "several_faces", $"code {analysis.Rejection?.Code}");
    }

    [Fact]
    public void Rejects_a_head_turned_to_the_side_as_turned_away_at_enrollment()
    {
        using var frame = Frame(440, TurnedName, TurnedNumber);
        AssertRejected(frame, "turned_away", fixture.Options.Enrollment);
    }

    [Fact]
    public void Rejects_closed_eyes_as_eyes_closed()
    {
        using var frame = Frame(440, ClosedEyesName, ClosedEyesNumber);
        AssertRejected(frame, "eyes_closed");
    }

    private void AssertRejected(Mat frame, string code, QualityGateSettings? gates = null)
    {
        var analysis = _engine.Analyze(TestImages.Jpeg(frame), gates ?? fixture.Options.Session);
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
