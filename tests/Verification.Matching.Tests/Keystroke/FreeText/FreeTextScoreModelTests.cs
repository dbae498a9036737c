using System.Text.Json;
using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Keystroke;

namespace Verification.Matching.Tests.Keystroke.FreeText;

public sealed class FreeTextScoreModelTests
{
    private static readonly FreeTextScoreModel Model = SyntheticFreeTextModel.Model;

    [Fact]
    public void The_fitted_model_is_usable_and_records_this_pipeline_and_its_protocol()
    {
        Assert.Empty(Model.Problems());
        Assert.Equal(FreeTextPipeline.Version, Model.PipelineVersion);
        Assert.Equal(FreeTextModelFit.Command(SyntheticFreeTextModel.Protocol), Model.Provenance.Command);
        Assert.Equal([100, 300], Model.Levels.Select(l => l.Keystrokes));
        Assert.All(Model.Levels, l => Assert.True(l.FlagBelow > -Model.LlrLimit && l.FlagBelow <= -1, $"flag level {l.FlagBelow}"));
    }

    [Fact]
    public void A_model_written_and_read_back_is_the_same()
    {
        var path = Path.Combine(Path.GetTempPath(), $"freetext-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, JsonSerializer.Serialize(Model, FreeTextScoreModel.Json));

            var read = FreeTextScoreModel.Load(path);

            Assert.Equal(Model.Levels, read.Levels);
            Assert.Equal(Model.Provenance, read.Provenance);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_refuses_a_model_fitted_on_another_pipeline_a_missing_file_and_an_empty_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"freetext-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, JsonSerializer.Serialize(Model with { PipelineVersion = "f0-0000000000000000" }, FreeTextScoreModel.Json));
            var stale = Assert.Throws<InvalidDataException>(() => FreeTextScoreModel.Load(path));
            Assert.Contains("f0-0000000000000000", stale.Message, StringComparison.Ordinal);
            Assert.Contains(FreeTextPipeline.Version, stale.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "null");
            Assert.Throws<InvalidDataException>(() => FreeTextScoreModel.Load(path));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<FileNotFoundException>(() => FreeTextScoreModel.Load(path));
    }

    [Fact]
    public void Too_little_typing_or_nothing_shared_gives_no_evidence()
    {
        var smallest = Model.Levels.Min(l => l.Keystrokes);

        Assert.Null(Model.Evidence(new FreeTextComparison(0.5, smallest - 1, 200)));
        Assert.Null(Model.Evidence(new FreeTextComparison(double.NaN, smallest + 50, 0)));
        Assert.NotNull(Model.Evidence(new FreeTextComparison(0.5, smallest, 200)));
    }

    [Fact]
    public void Evidence_falls_as_typing_moves_away_and_flags_only_below_the_level()
    {
        var level = Model.Levels[0];
        var distances = new[] { -2, 0, 1, 2, 4, 8, 16 }.Select(z => Math.Exp(level.Genuine.Mean + (z * level.Genuine.Sd))).ToList();
        var evidence = distances.Select(d => Model.Evidence(new FreeTextComparison(d, level.Keystrokes, 300))!).ToList();

        Assert.True(evidence.Zip(evidence.Skip(1)).All(p => p.First.LogLikelihoodRatio >= p.Second.LogLikelihoodRatio));
        Assert.All(evidence, e => Assert.Equal(e.LogLikelihoodRatio < level.FlagBelow, e.Flags));
        Assert.True(evidence[0].LogLikelihoodRatio > 0 && !evidence[0].Flags);
        Assert.True(evidence[^1].Flags);
        Assert.All(evidence, e => Assert.InRange(e.LogLikelihoodRatio, -Model.LlrLimit, Model.LlrLimit));
    }

    [Fact]
    public void Refuses_a_model_that_favours_impostors_or_flags_every_session()
    {
        var level = Model.Levels[0];
        var reversed = Model with { Levels = [level with { Genuine = level.Impostor, Impostor = level.Genuine }] };
        var flagsAll = Model with { Levels = [level with { FlagBelow = 1 }] };

        Assert.Contains(reversed.Problems(), p => p.Contains("is not below the impostor", StringComparison.Ordinal));
        Assert.Contains(flagsAll.Problems(), p => p.Contains("not negative", StringComparison.Ordinal));
    }
}
