using Verification.Matching.Keystroke.FreeText;
using Verification.Testing;

namespace Verification.Matching.Tests.Keystroke.FreeText;

public sealed class FreeTextScoreModelTests
{
    private static readonly FreeTextScoreModel Shipped = FreeTextScoreModel.Load(RepositoryPaths.Models);

    [Fact]
    public void The_shipped_model_was_fitted_on_this_free_text_pipeline()
    {
        Assert.True(
            Shipped.PipelineVersion == FreeTextPipeline.Version,
            $"models/{FreeTextScoreModel.FileName} was fitted on {Shipped.PipelineVersion}, the free-text pipeline is now {FreeTextPipeline.Version}: " +
            "run 'dotnet run --project src/Verification.Cli -c Release -- fit freetext-model' and commit the file.");
    }

    [Fact]
    public void The_shipped_model_is_usable_and_names_its_data_and_licence()
    {
        Assert.Empty(Shipped.Problems());
        Assert.StartsWith("verification fit freetext-model", Shipped.Provenance.Command, StringComparison.Ordinal);
        Assert.Contains("non-commercial", Shipped.Provenance.Licence, StringComparison.Ordinal);
        Assert.True(Shipped.Provenance.Participants >= 250 && Shipped.Provenance.ImpostorScores > 1000);
        Assert.Contains(Shipped.Levels, l => l.Keystrokes == 100);
    }

    [Fact]
    public void Too_little_typing_or_nothing_shared_gives_no_evidence()
    {
        var smallest = Shipped.Levels.Min(l => l.Keystrokes);

        Assert.Null(Shipped.Evidence(new FreeTextComparison(0.5, smallest - 1, 200)));
        Assert.Null(Shipped.Evidence(new FreeTextComparison(double.NaN, smallest + 50, 0)));
        Assert.NotNull(Shipped.Evidence(new FreeTextComparison(0.5, smallest, 200)));
    }

    [Fact]
    public void Evidence_falls_as_typing_moves_away_and_flags_only_below_the_level()
    {
        var level = Shipped.Levels[0];
        var distances = new[] { 0.05, 0.3, 0.6, 1, 2, 5, 20 };
        var evidence = distances.Select(d => Shipped.Evidence(new FreeTextComparison(d, level.Keystrokes, 300))!).ToList();

        Assert.True(evidence.Zip(evidence.Skip(1)).All(p => p.First.LogLikelihoodRatio >= p.Second.LogLikelihoodRatio));
        Assert.All(evidence, e => Assert.Equal(e.LogLikelihoodRatio < level.FlagBelow, e.Flags));
        Assert.True(evidence[0].LogLikelihoodRatio > 0 && !evidence[0].Flags);
        Assert.True(evidence[^1].Flags);
        Assert.All(evidence, e => Assert.InRange(e.LogLikelihoodRatio, -Shipped.LlrLimit, Shipped.LlrLimit));
    }

    [Fact]
    public void Refuses_a_model_that_favours_impostors_or_flags_every_session()
    {
        var level = Shipped.Levels[0];
        var reversed = Shipped with { Levels = [level with { Genuine = level.Impostor, Impostor = level.Genuine }] };
        var flagsAll = Shipped with { Levels = [level with { FlagBelow = 1 }] };

        Assert.Contains(reversed.Problems(), p => p.Contains("is not below the impostor", StringComparison.Ordinal));
        Assert.Contains(flagsAll.Problems(), p => p.Contains("not negative", StringComparison.Ordinal));
    }
}
