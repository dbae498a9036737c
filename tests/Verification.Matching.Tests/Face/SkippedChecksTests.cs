using OpenCvSharp;
using Verification.Matching.Face;
using Verification.Matching.Face.Sessions;
using Verification.Testing;

namespace Verification.Matching.Tests.Face;

/// <summary>The engine as shipped, which skips the pose and eye models once a gate has refused, beside one that runs them all.</summary>
public sealed class SkippedChecksFixture : IDisposable
{
    public SkippedChecksFixture()
    {
        Options = new FaceOptions { Sessions = new FaceSessionOptions().Fix(GraphOptimization.All) };
        Skipping = FaceEngine.Load(RepositoryPaths.Models, Options);
        Full = FaceEngine.Load(RepositoryPaths.Models, Options, FacePipelineVariant.Default with { SkipDecidedChecks = false });
    }

    public FaceOptions Options { get; }

    public FaceEngine Skipping { get; }

    public FaceEngine Full { get; }

    public void Dispose()
    {
        Skipping.Dispose();
        Full.Dispose();
    }
}

public sealed class SkippedChecksTests(SkippedChecksFixture fixture) : IClassFixture<SkippedChecksFixture>
{
    public static TheoryData<string> Frames => ["good", "dark", "bright", "blurred", "small", "turned", "eyes_closed", "two_faces"];

    [Fact]
    public void Reports_pose_and_eyes_as_not_measured_on_a_frame_refused_as_blurred_and_keeps_embedding_and_liveness()
    {
        var analysis = fixture.Skipping.Analyze(Jpeg("blurred"), fixture.Options.Session);

        Assert.Equal("blurred", analysis.Rejection?.Code);
        Assert.NotNull(analysis.Quality);
        Assert.Null(analysis.Quality.Yaw);
        Assert.Null(analysis.Quality.Pitch);
        Assert.Null(analysis.Quality.LeftEyeClosed);
        Assert.Null(analysis.Quality.RightEyeClosed);
        Assert.NotNull(analysis.Embedding);
        Assert.NotNull(analysis.Liveness);
    }

    [Fact]
    public void Measures_the_pose_but_not_the_eyes_of_a_head_refused_as_turned_away()
    {
        var analysis = fixture.Skipping.Analyze(Jpeg("turned"), fixture.Options.Enrollment);

        Assert.Equal("turned_away", analysis.Rejection?.Code);
        Assert.NotNull(analysis.Quality?.Yaw);
        Assert.Null(analysis.Quality.LeftEyeClosed);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Refuses_and_scores_each_frame_exactly_as_the_engine_that_runs_every_model(string frame)
    {
        var jpeg = Jpeg(frame);
        foreach (var gates in (QualityGateSettings[])[fixture.Options.Session, fixture.Options.Enrollment])
        {
            var skipping = fixture.Skipping.Analyze(jpeg, gates);
            var full = fixture.Full.Analyze(jpeg, gates);

            Assert.Equal(full.Rejection, skipping.Rejection);
            Assert.Equal(full.FacesFound, skipping.FacesFound);
            Assert.Equal(full.Embedding, skipping.Embedding);
            Assert.Equal(full.Liveness, skipping.Liveness);
            Assert.Equal(full.Quality?.Brightness, skipping.Quality?.Brightness);
            if (full.Rejection is null)
            {
                Assert.Equal(full.Quality, skipping.Quality);
            }
        }
    }

    /// <summary>Webcam-like frames made to pass or fail each gate, as in <see cref="QualityGateTests"/>.</summary>
    private static byte[] Jpeg(string kind)
    {
        using var frame = kind switch
        {
            "small" => OnCanvas("Abel_Pacheco", 1, 90),
            "turned" => OnCanvas("Joe_Mantegna", 1),
            "eyes_closed" => OnCanvas("Celine_Dion", 3),
            "two_faces" => TwoFaces(),
            _ => OnCanvas("Abel_Pacheco", 1),
        };
        switch (kind)
        {
            case "dark":
                frame.ConvertTo(frame, -1, 0.2, 0);
                break;
            case "bright":
                frame.ConvertTo(frame, -1, 0.6, 150);
                break;
            case "blurred":
                Cv2.GaussianBlur(frame, frame, new Size(0, 0), 5);
                break;
        }

        return TestImages.Jpeg(frame);
    }

    private static Mat OnCanvas(string name, int number, int side = 440)
    {
        using var photo = TestImages.LfwMat(name, number);
        return TestImages.OnCanvas(photo, side);
    }

    private static Mat TwoFaces()
    {
        using var left = TestImages.LfwMat("Abel_Pacheco", 1);
        using var right = TestImages.LfwMat("Dean_Barker", 1);
        var frame = new Mat(480, 640, MatType.CV_8UC3, new Scalar(120, 120, 120));
        using (var roi = new Mat(frame, new Rect(40, 115, 250, 250)))
        {
            left.CopyTo(roi);
        }

        using (var roi = new Mat(frame, new Rect(350, 115, 250, 250)))
        {
            right.CopyTo(roi);
        }

        return frame;
    }
}
