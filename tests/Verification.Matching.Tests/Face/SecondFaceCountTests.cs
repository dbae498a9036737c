using Verification.Matching.Face;
using Verification.Matching.Face.Detection;

namespace Verification.Matching.Tests.Face;

/// <summary>The count the several-faces gate uses: another face counts only when large beside the learner's and detected with enough certainty.</summary>
public sealed class SecondFaceCountTests
{
    private static readonly FaceBox Learner = new(200, 100, 400, 300, 0.99f);
    private static readonly QualityGateSettings Gates = new() { MinFaceSide = 64, SecondFaceMinRelativeWidth = 0.35f, SecondFaceMinScore = 0.8f };

    [Theory]
    [InlineData(0.30, 0.99, 1)]
    [InlineData(0.34, 0.99, 1)]
    [InlineData(0.35, 0.99, 2)]
    [InlineData(0.60, 0.99, 2)]
    [InlineData(1.20, 0.99, 2)]
    [InlineData(0.60, 0.79, 1)]
    [InlineData(0.60, 0.80, 2)]
    public void Another_face_counts_only_at_the_relative_width_and_score_limits(double relativeWidth, double score, int counted)
    {
        var side = (float)relativeWidth * Learner.Width;
        var other = new FaceBox(10, 10, 10 + side, 10 + side, (float)score);

        Assert.Equal(counted, FaceSelector.CountCounted([Learner, other], Learner, Gates));
    }

    [Fact]
    public void A_large_enough_face_under_the_minimum_side_never_counts()
    {
        var small = new FaceBox(0, 0, 40, 40, 0.99f);
        var tinyLearner = new FaceBox(100, 100, 170, 170, 0.99f);

        Assert.Equal(1, FaceSelector.CountCounted([tinyLearner, small], tinyLearner, Gates));
    }

    [Fact]
    public void Without_second_face_limits_every_face_of_the_minimum_side_counts()
    {
        var gates = new QualityGateSettings { MinFaceSide = 64 };
        FaceBox[] faces = [Learner, new(0, 0, 70, 70, 0.66f), new(500, 0, 565, 65, 0.7f), new(0, 400, 50, 450, 0.99f)];

        Assert.Equal(3, FaceSelector.CountCounted(faces, Learner, gates));
    }

    [Fact]
    public void The_other_faces_are_every_face_but_the_selected_one()
    {
        var other = new FaceBox(0, 0, 30, 30, 0.7f);

        Assert.Equal([other], FaceSelector.Others([other, Learner], Learner));
    }
}
