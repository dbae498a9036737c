using Verification.Matching.Fusion;

namespace Verification.Matching.Tests.Fusion;

/// <summary>The code-default typing model leaves the verifier's ratio as it is (genuine 0.5, impostor −0.5, sd 1) and flags below −2.</summary>
public sealed class WeakTypingEvidenceTests
{
    private static readonly FusionOptions Options = new();

    private static SessionVerdict Session(params double[] checks)
    {
        var evidence = new SessionEvidence(Options);
        evidence.Observe(new FrameObservation(1, 1, 0.6, 0.95, 120, false));
        for (var i = 0; i < checks.Length; i++)
        {
            evidence.ObserveTyping(i + 1, checks[i]);
        }

        return evidence.Verdict();
    }

    [Fact]
    public void Typing_below_zero_but_above_the_flag_level_is_recorded_without_a_flag()
    {
        var verdict = Session(0.5, -1.0, -1.0);

        Assert.Equal(SessionVerdictKind.Verified, verdict.Kind);
        Assert.Empty(verdict.Flags);
        var weak = Assert.IsType<WeakTypingEvidence>(verdict.WeakTyping);
        Assert.Equal([1, 2, 3], weak.Checks);
        Assert.Equal([2, 3], weak.NegativeChecks);
        Assert.Equal(-1.5, weak.Evidence, 9);
    }

    [Fact]
    public void Most_checks_against_the_learner_are_recorded_even_when_one_strong_check_carries_the_sum()
    {
        var verdict = Session(4.0, -0.5, -0.5);

        Assert.Equal(SessionVerdictKind.Verified, verdict.Kind);
        Assert.Equal([2, 3], Assert.IsType<WeakTypingEvidence>(verdict.WeakTyping).NegativeChecks);
    }

    [Fact]
    public void Typing_that_leans_towards_the_learner_records_nothing()
    {
        Assert.Null(Session(1.0, -0.5, 0.8).WeakTyping);
        Assert.Null(Session().WeakTyping);
    }

    [Fact]
    public void Typing_below_the_flag_level_raises_the_flag_and_is_not_also_weak_evidence()
    {
        var verdict = Session(-1.5, -1.5);

        Assert.Equal(SessionVerdictKind.NeedsReview, verdict.Kind);
        Assert.Contains(verdict.Flags, f => f.Kind == SessionFlagKind.TypingMismatch);
        Assert.Null(verdict.WeakTyping);
    }
}
