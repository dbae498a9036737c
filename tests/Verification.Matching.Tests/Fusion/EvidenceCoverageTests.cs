using Verification.Matching.Fusion;

namespace Verification.Matching.Tests.Fusion;

/// <summary>The coverage rule: a session ends Verified only on evidence that covers it, and the gap is named otherwise.</summary>
public sealed class EvidenceCoverageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static FrameObservation Face(int frame, int secondsIn) => new(frame, 1, 0.7, 0.95, 120, false, Start.AddSeconds(secondsIn));

    private static SessionEvidence Matched(int frames, int everySeconds, bool typed = true)
    {
        var evidence = new SessionEvidence(new FusionOptions());
        for (var i = 1; i <= frames; i++)
        {
            evidence.Observe(Face(i, i * everySeconds));
        }

        if (typed)
        {
            evidence.ObserveTyping(1, 2.5);
        }

        return evidence;
    }

    [Fact]
    public void Verifies_a_session_whose_frames_and_typing_cover_it()
    {
        var verdict = Matched(6, 5).Final(new EvidenceCoverage(Start, Start.AddSeconds(32), 6, TypingAsked: true));

        Assert.Equal(SessionVerdictKind.Verified, verdict.Kind);
        Assert.Empty(verdict.Flags);
    }

    [Fact]
    public void One_matched_frame_is_not_enough()
    {
        var verdict = Matched(1, 5).Final(new EvidenceCoverage(Start, Start.AddSeconds(6), 1, TypingAsked: true));

        var flag = Assert.Single(verdict.Flags);
        Assert.Equal(SessionFlagKind.InsufficientEvidence, flag.Kind);
        Assert.Equal("1 analysed frames, 3 needed", flag.Rule);
        Assert.Equal([1], flag.Frames);
        Assert.Equal(ReviewPriority.Low, verdict.Priority);
    }

    [Fact]
    public void Acknowledged_frames_never_analysed_are_named()
    {
        var evidence = Matched(4, 5);
        evidence.Account(5);

        var verdict = evidence.Final(new EvidenceCoverage(Start, Start.AddSeconds(40), 7, TypingAsked: true));

        var flag = Assert.Single(verdict.Flags);
        Assert.Equal("2 acknowledged frames never analysed", flag.Rule);
        Assert.Equal([6, 7], flag.Frames);
    }

    [Fact]
    public void A_frame_analysed_but_not_recorded_counts_as_unanalysed()
    {
        var evidence = Matched(4, 5);
        evidence.ForgetAnalysis(4);

        var verdict = evidence.Final(new EvidenceCoverage(Start, Start.AddSeconds(21), 4, TypingAsked: true));

        Assert.Equal([4], Assert.Single(verdict.Flags).Frames);
    }

    [Fact]
    public void Frames_bunched_at_the_start_leave_the_rest_uncovered()
    {
        var verdict = Matched(4, 5).Final(new EvidenceCoverage(Start, Start.AddMinutes(10), 4, TypingAsked: true));

        var flag = Assert.Single(verdict.Flags);
        Assert.Equal("580 s without an analysed frame, 60 s allowed", flag.Rule);
        Assert.Equal(580, flag.Scores[1]);
    }

    [Fact]
    public void Typing_is_needed_only_when_the_assessment_asks_for_it()
    {
        var asked = Matched(4, 5, typed: false).Final(new EvidenceCoverage(Start, Start.AddSeconds(21), 4, TypingAsked: true));
        var notAsked = Matched(4, 5, typed: false).Final(new EvidenceCoverage(Start, Start.AddSeconds(21), 4, TypingAsked: false));

        Assert.Equal("no usable typing check, and the assessment asks for one", Assert.Single(asked.Flags).Rule);
        Assert.Equal(SessionVerdictKind.Verified, notAsked.Kind);
    }

    [Fact]
    public void Consent_withdrawn_is_never_verified_and_is_not_a_fraud_flag()
    {
        var evidence = Matched(6, 5);
        evidence.ObserveConsentWithdrawn(7);

        var verdict = evidence.Final(new EvidenceCoverage(Start, Start.AddSeconds(36), 7, TypingAsked: true));

        Assert.Equal(SessionVerdictKind.NeedsReview, verdict.Kind);
        Assert.Equal(SessionFlagKind.ConsentWithdrawn, Assert.Single(verdict.Flags).Kind);
        Assert.Equal(ReviewPriority.Low, verdict.Priority);
    }

    [Fact]
    public void Failed_analyses_are_flagged_once_naming_every_frame()
    {
        var evidence = Matched(6, 5);
        var first = evidence.ObserveFailure(7);
        var second = evidence.ObserveFailure(8);
        evidence.Account(7);
        evidence.Account(8);

        var verdict = evidence.Final(new EvidenceCoverage(Start, Start.AddSeconds(41), 8, TypingAsked: true));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal([7, 8], Assert.Single(verdict.Flags, f => f.Kind == SessionFlagKind.AnalysisFailed).Frames);
        Assert.Equal(ReviewPriority.Normal, verdict.Priority);
    }

    [Fact]
    public void An_interrupted_session_names_its_recorded_frames_and_time()
    {
        var verdict = SessionEvidence.Interrupted([1, 2, 3], Start, Start.AddSeconds(14), Start.AddMinutes(5));

        var flag = Assert.Single(verdict.Flags);
        Assert.Equal(SessionVerdictKind.NeedsReview, verdict.Kind);
        Assert.Equal(SessionFlagKind.SessionInterrupted, flag.Kind);
        Assert.Equal([1, 2, 3], flag.Frames);
        Assert.Equal([14], flag.Scores);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(3, 2)]
    public void Settings_that_would_void_the_rule_are_refused_with_a_reason(int minimumFrames, int uncoveredSeconds)
    {
        var options = new EvidenceCoverageOptions { MinimumAnalysedFrames = minimumFrames, MaximumUncoveredSeconds = uncoveredSeconds };

        Assert.NotEmpty(options.Problems());
        Assert.Empty(new EvidenceCoverageOptions().Problems());
    }
}
