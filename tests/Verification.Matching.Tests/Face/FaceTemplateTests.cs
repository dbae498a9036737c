using Verification.Matching.Face;

namespace Verification.Matching.Tests.Face;

public sealed class FaceTemplateTests
{
    [Fact]
    public void Survives_a_round_trip_through_bytes_with_the_same_scores()
    {
        var random = new Random(7);
        var embeddings = new List<float[]> { RandomVector(random), RandomVector(random), RandomVector(random) };
        var template = FaceTemplate.Create(embeddings);
        var probe = RandomVector(random);

        var copy = FaceTemplate.FromBytes(template.ToBytes());

        Assert.Equal(3, copy.Count);
        Assert.Equal(template.Score(probe), copy.Score(probe));
    }

    [Fact]
    public void Scores_one_of_its_own_frames_higher_than_an_unrelated_vector()
    {
        var random = new Random(11);
        var embeddings = new List<float[]> { RandomVector(random), RandomVector(random), RandomVector(random) };
        var template = FaceTemplate.Create(embeddings);

        Assert.True(template.Score(embeddings[0]) > template.Score(RandomVector(random)));
    }

    [Fact]
    public void Refuses_bytes_that_are_not_a_template()
    {
        Assert.Throws<FormatException>(() => FaceTemplate.FromBytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]));
        var bytes = FaceTemplate.Create([RandomVector(new Random(1))]).ToBytes();
        Assert.Throws<FormatException>(() => FaceTemplate.FromBytes(bytes.AsSpan(0, bytes.Length - 4)));
    }

    private static float[] RandomVector(Random random)
    {
        var vector = new float[512];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }
}
