using Verification.Matching.Face.Alignment;

namespace Verification.Matching.Tests.Face;

public sealed class SimilarityTransformTests
{
    [Fact]
    public void Recovers_a_known_rotation_scale_and_shift_exactly()
    {
        float[] source = [10, 20, 50, 22, 30, 40, 15, 60, 45, 61];
        var (angle, scale, tx, ty) = (0.3, 1.7, 5.0, -8.0);
        var destination = new float[10];
        for (var i = 0; i < 5; i++)
        {
            destination[2 * i] = (float)((scale * ((Math.Cos(angle) * source[2 * i]) - (Math.Sin(angle) * source[(2 * i) + 1]))) + tx);
            destination[(2 * i) + 1] = (float)((scale * ((Math.Sin(angle) * source[2 * i]) + (Math.Cos(angle) * source[(2 * i) + 1]))) + ty);
        }

        var m = new double[6];
        SimilarityTransform.Estimate(source, destination, m);

        Assert.Equal(scale * Math.Cos(angle), m[0], 4);
        Assert.Equal(-scale * Math.Sin(angle), m[1], 4);
        Assert.Equal(tx, m[2], 3);
        Assert.Equal(ty, m[5], 3);
    }

    [Fact]
    public void Never_returns_a_reflection_even_for_mirrored_points()
    {
        float[] source = [10, 20, 50, 22, 30, 40, 15, 60, 45, 61];
        var mirrored = new float[10];
        for (var i = 0; i < 5; i++)
        {
            mirrored[2 * i] = 100 - source[2 * i];
            mirrored[(2 * i) + 1] = source[(2 * i) + 1];
        }

        var m = new double[6];
        SimilarityTransform.Estimate(source, mirrored, m);

        var determinant = (m[0] * m[4]) - (m[1] * m[3]);
        Assert.True(determinant >= 0, $"determinant {determinant}");
    }
}
