using System.Numerics.Tensors;
using Verification.Matching.Face;

namespace Verification.Matching.Tests.Face;

public sealed class FaceMatchingTests(FaceEngineFixture fixture) : IClassFixture<FaceEngineFixture>
{
    private readonly FaceEngine _engine = fixture.Engine;

    [Fact]
    public void Scores_two_photos_of_the_same_person_above_the_match_threshold()
    {
        var a = Embed("Abel_Pacheco", 1);
        var b = Embed("Abel_Pacheco", 4);
        Assert.True(FaceEngine.Similarity(a, b) >= fixture.Options.MatchThreshold, $"similarity {FaceEngine.Similarity(a, b)}");
    }

    [Fact]
    public void Scores_photos_of_two_different_people_below_the_match_threshold()
    {
        var a = Embed("Abdel_Madi_Shabneh", 1);
        var b = Embed("Dean_Barker", 1);
        Assert.True(FaceEngine.Similarity(a, b) < fixture.Options.MatchThreshold, $"similarity {FaceEngine.Similarity(a, b)}");
    }

    [Fact]
    public void Returns_a_unit_length_512_value_embedding()
    {
        var embedding = Embed("Abel_Pacheco", 1);
        Assert.Equal(512, embedding.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(embedding), 3);
    }

    [Fact]
    public void Matches_a_probe_against_a_template_of_the_same_person_above_the_threshold()
    {
        var template = FaceTemplate.Create([Embed("Abel_Pacheco", 1), Embed("Abel_Pacheco", 2)]);
        Assert.True(template.Score(Embed("Abel_Pacheco", 4)) >= fixture.Options.MatchThreshold);
        Assert.True(template.Score(Embed("Dean_Barker", 1)) < fixture.Options.MatchThreshold);
    }

    [Fact]
    public void Gives_the_same_results_for_parallel_calls_as_for_sequential_ones()
    {
        (string Name, int Number)[] images =
        [
            ("Abel_Pacheco", 1), ("Abel_Pacheco", 4), ("Akhmed_Zakayev", 1), ("Akhmed_Zakayev", 3),
            ("Abdel_Madi_Shabneh", 1), ("Dean_Barker", 1), ("Giancarlo_Fisichella", 1), ("Abel_Pacheco", 2),
        ];
        var frames = Array.ConvertAll(images, i => TestImages.Lfw(i.Name, i.Number));
        var gates = fixture.Options.Session;
        var sequential = Array.ConvertAll(frames, f => _engine.Analyze(f, gates));
        var parallel = new FaceAnalysis[frames.Length * 4];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            parallel[i] = _engine.Analyze(frames[i % frames.Length], gates));

        for (var i = 0; i < parallel.Length; i++)
        {
            var expected = sequential[i % frames.Length];
            Assert.NotNull(expected.Embedding);
            Assert.Equal(expected.Embedding, parallel[i].Embedding);
            Assert.Equal(expected.Liveness, parallel[i].Liveness);
            Assert.Equal(expected.Face, parallel[i].Face);
            Assert.Equal(expected.Quality, parallel[i].Quality);
            Assert.Equal(expected.Rejection, parallel[i].Rejection);
        }
    }

    private float[] Embed(string name, int number)
    {
        var analysis = _engine.Analyze(TestImages.Lfw(name, number), QualityGateSettings.None);
        Assert.NotNull(analysis.Embedding);
        return analysis.Embedding;
    }
}
