using Verification.Matching.Fusion;
using Verification.Matching.Keystroke.FreeText;
using Verification.Matching.Tests.Keystroke.FreeText;

namespace Verification.Matching.Tests.Fusion;

/// <summary>Free-text typing as an evidence source of the session, judged by a free-text score model fitted on synthetic typists.</summary>
public sealed class SessionFreeTextEvidenceTests
{
    private static readonly FreeTextScoreModel Model = SyntheticFreeTextModel.Model;

    private static readonly FreeTextScoreLevel Level = Model.LevelFor(300)!;

    /// <summary>Typing at the learner's usual distance from their profile.</summary>
    private static readonly double Alike = Math.Exp(Level.Genuine.Mean);

    /// <summary>Typing far beyond the impostors' usual distance.</summary>
    private static readonly double Far = Math.Exp(Level.Impostor.Mean + (10 * Level.Impostor.Sd));

    /// <summary>The first evidence against the learner on the way from their usual distance outwards: weak.</summary>
    private static FreeTextEvidence Weak() =>
        Enumerable.Range(0, 5000).Select(i => At(Math.Exp(Level.Genuine.Mean + (i * 0.01 * Level.Genuine.Sd)))).First(e => e.LogLikelihoodRatio < 0);

    private static SessionEvidence Session()
    {
        var evidence = new SessionEvidence(new FusionOptions());
        evidence.Observe(new FrameObservation(1, 1, 0.6, 0.95, 120, false));
        return evidence;
    }

    /// <summary>The evidence of typing at <paramref name="distance"/> from the profile, over 300 key presses.</summary>
    private static FreeTextEvidence At(double distance) => Model.Evidence(new FreeTextComparison(distance, 300, 500))!;

    [Fact]
    public void Typing_like_the_profile_is_kept_on_a_verified_verdict_and_is_not_weak()
    {
        var session = Session();

        Assert.Null(session.ObserveFreeText(At(Alike)));

        var verdict = session.Verdict();
        Assert.Equal(SessionVerdictKind.Verified, verdict.Kind);
        Assert.True(verdict.FreeText!.LogLikelihoodRatio > 0);
        Assert.False(verdict.WeakFreeText);
    }

    [Fact]
    public void Free_text_refines_the_profile_only_when_a_model_judged_it_and_it_favours_the_learner()
    {
        var typingFlagged = Session();
        typingFlagged.ObserveTyping(1, -6);
        typingFlagged.ObserveFreeText(At(Alike));
        var alike = Session();
        alike.ObserveFreeText(At(Alike));
        var weak = Session();
        weak.ObserveFreeText(Weak());
        var far = Session();
        far.ObserveFreeText(At(Far));

        Assert.False(Session().FreeTextRefinesProfile);
        Assert.True(alike.FreeTextRefinesProfile);
        Assert.False(weak.FreeTextRefinesProfile);
        Assert.False(far.FreeTextRefinesProfile);
        Assert.False(typingFlagged.FreeTextRefinesProfile);
    }

    [Fact]
    public void Weak_evidence_against_the_learner_is_recorded_for_the_reviewer_without_a_flag()
    {
        var weak = Weak();
        Assert.True(weak.LogLikelihoodRatio > Level.FlagBelow);
        var session = Session();

        Assert.Null(session.ObserveFreeText(weak));

        var verdict = session.Verdict();
        Assert.Equal(SessionVerdictKind.Verified, verdict.Kind);
        Assert.Empty(verdict.Flags);
        Assert.True(verdict.WeakFreeText);
    }

    [Fact]
    public void Evidence_strong_enough_by_the_fitted_model_raises_the_typing_flag_once()
    {
        var session = Session();

        var flag = session.ObserveFreeText(At(Far));
        var again = session.ObserveFreeText(At(Far * 2));

        Assert.NotNull(flag);
        Assert.Equal(SessionFlagKind.TypingMismatch, flag.Kind);
        Assert.Contains("free-text", flag.Rule, StringComparison.Ordinal);
        Assert.Null(again);
        var verdict = session.Verdict();
        Assert.Equal((SessionVerdictKind.NeedsReview, ReviewPriority.Normal), (verdict.Kind, verdict.Priority));
        Assert.False(verdict.WeakFreeText);
    }

    [Fact]
    public void Later_evidence_replaces_the_earlier_so_weak_pieces_never_add_up_to_a_flag()
    {
        var weak = Weak();
        var session = Session();

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(session.ObserveFreeText(weak));
        }

        Assert.Null(session.ObserveFreeText(At(Alike)));
        var verdict = session.Verdict();
        Assert.Empty(verdict.Flags);
        Assert.False(verdict.WeakFreeText);
    }
}
