using Verification.Matching.Fusion;
using Verification.Testing;

namespace Verification.Matching.Tests.Fusion;

/// <summary>
/// When a verified session's typing checks may refine the typing profile. The code-default typing model leaves the
/// verifier's ratio as it is (genuine 0.5, impostor −0.5, sd 1) and flags below −2.
/// </summary>
public sealed class TypingRefinementRuleTests
{
    private static bool Refines(FusionOptions options, params double[] checks)
    {
        var evidence = new SessionEvidence(options);
        for (var i = 0; i < checks.Length; i++)
        {
            evidence.ObserveTyping(i + 1, checks[i]);
        }

        return evidence.TypingRefinesProfile;
    }

    [Fact]
    public void Typing_refines_only_when_its_summed_evidence_reaches_the_fitted_level()
    {
        var options = new FusionOptions { TypingRefinementEvidence = 2 };

        Assert.False(Refines(options));
        Assert.False(Refines(options, 1.0, 0.5));
        Assert.True(Refines(options, 1.0, 1.0));
        Assert.True(Refines(options, 1.0, 1.5));
    }

    [Fact]
    public void Typing_that_only_escaped_the_flag_does_not_refine()
    {
        var options = new FusionOptions { TypingRefinementEvidence = 0 };

        Assert.False(Refines(options, 0.5, -1.0, -1.0));
        Assert.False(Refines(options, 4.0, -0.5, -0.5));
        Assert.False(Refines(options, -1.5, -1.5, 6.0, 6.0));
        Assert.True(Refines(options, 0.5, 0.5, -0.5));
    }

    [Fact]
    public void A_refined_profile_refines_again_at_its_own_level()
    {
        var options = new FusionOptions { TypingRefinementEvidence = 5, RefinedTypingRefinementEvidence = 1 };

        Assert.False(Refines(options, 1.0, 1.0));
        Assert.True(Refines(options.ForTypingProfile(refined: true), 1.0, 1.0));
        Assert.Equal(1, options.ForTypingProfile(refined: true).TypingRefinementEvidence);
    }

    [Fact]
    public void Fitted_models_without_refinement_levels_never_refine()
    {
        var shipped = SessionScoreModels.Load(RepositoryPaths.Models);
        var options = new FusionOptions();

        options.Apply(shipped with { TypingRefinementEvidence = null, RefinedTyping = shipped.RefinedTyping with { RefinementEvidence = null } });

        Assert.False(Refines(options, 6, 6, 6, 6, 6, 6, 6, 6));
        Assert.False(Refines(options.ForTypingProfile(refined: true), 6, 6, 6, 6, 6, 6, 6, 6));
    }
}
