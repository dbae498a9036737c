using Verification.Matching.Fusion;

namespace Verification.Matching.Tests.Fusion;

public sealed class TypingScoreModelTests
{
    [Theory]
    [InlineData(-3.5)]
    [InlineData(0)]
    [InlineData(2.25)]
    public void The_default_model_leaves_the_verifiers_ratio_as_it_is(double llr) =>
        Assert.Equal(llr, TypingScoreModel.LogLikelihoodRatio(llr, new FusionOptions()), 12);

    [Fact]
    public void A_typing_more_like_the_profile_never_counts_less_for_the_learner()
    {
        var options = FittedFusionOptions.Create();

        var ratios = Enumerable.Range(-40, 81).Select(i => TypingScoreModel.LogLikelihoodRatio(i / 4.0, options)).ToList();

        Assert.All(ratios.Zip(ratios.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.Equal(options.TypingCheckLlrLimit, ratios.Max());
        Assert.Equal(-options.TypingCheckLlrLimit, ratios.Min());
    }
}
