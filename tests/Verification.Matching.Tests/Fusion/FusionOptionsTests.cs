using System.Reflection;
using Verification.Matching.Fusion;

namespace Verification.Matching.Tests.Fusion;

public sealed class FusionOptionsTests
{
    private static readonly string[] TypingValues =
        [nameof(FusionOptions.TypingGenuineMean), nameof(FusionOptions.TypingImpostorMean), nameof(FusionOptions.TypingSd), nameof(FusionOptions.TypingMismatchEvidence),
            nameof(FusionOptions.TypingRefinementEvidence)];

    [Fact]
    public void An_enrollment_only_profile_gets_the_same_options()
    {
        var options = FittedFusionOptions.Create();

        Assert.Same(options, options.ForTypingProfile(refined: false));
    }

    [Fact]
    public void A_refined_profile_gets_the_refined_typing_model_and_level_and_every_other_value_unchanged()
    {
        var options = FittedFusionOptions.Create();

        var refined = options.ForTypingProfile(refined: true);

        Assert.NotSame(options, refined);
        Assert.Equal(options.RefinedTypingGenuineMean, refined.TypingGenuineMean);
        Assert.Equal(options.RefinedTypingImpostorMean, refined.TypingImpostorMean);
        Assert.Equal(options.RefinedTypingSd, refined.TypingSd);
        Assert.Equal(options.RefinedTypingMismatchEvidence, refined.TypingMismatchEvidence);
        Assert.Equal(options.RefinedTypingRefinementEvidence, refined.TypingRefinementEvidence);
        Assert.NotEqual(options.TypingRefinementEvidence, refined.TypingRefinementEvidence);
        foreach (var property in typeof(FusionOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !TypingValues.Contains(p.Name)))
        {
            Assert.True(Equals(property.GetValue(options), property.GetValue(refined)), $"{property.Name} changed");
        }

        Assert.Equal(1.7, options.TypingGenuineMean);
        Assert.Equal(-7, options.TypingMismatchEvidence);
    }
}
