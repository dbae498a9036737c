using Verification.Matching.Fusion;

namespace Verification.Matching.Tests.Fusion;

public sealed class SessionEvidenceTests
{
    private static readonly FusionOptions Options = new();

    private static FrameObservation Face(int frame, double score, double liveness = 0.95) => new(frame, 1, score, liveness, 120, false);

    [Fact]
    public void Verifies_a_session_of_matching_frames()
    {
        var evidence = new SessionEvidence(Options);
        for (var i = 1; i <= 6; i++)
        {
            Assert.Empty(evidence.Observe(Face(i, 0.6)));
        }

        var verdict = evidence.Verdict();

        Assert.Equal(SessionVerdictKind.Verified, verdict.Kind);
        Assert.Equal(6, verdict.FramesMatched);
    }

    [Fact]
    public void Does_not_flag_one_bad_frame_among_good_ones()
    {
        var evidence = new SessionEvidence(Options);
        double[] scores = [0.6, 0.55, 0.05, 0.62, 0.58];
        for (var i = 0; i < scores.Length; i++)
        {
            evidence.Observe(Face(i + 1, scores[i]));
        }

        Assert.Equal(SessionVerdictKind.Verified, evidence.Verdict().Kind);
    }

    [Fact]
    public void Catches_a_person_swapped_in_within_three_frames_and_names_those_frames()
    {
        var evidence = new SessionEvidence(Options);
        for (var i = 1; i <= 5; i++)
        {
            evidence.Observe(Face(i, 0.65));
        }

        var raisedAt = 0;
        for (var i = 6; i <= 10 && raisedAt == 0; i++)
        {
            if (evidence.Observe(Face(i, 0.02)).Any(f => f.Kind == SessionFlagKind.FaceMismatch))
            {
                raisedAt = i;
            }
        }

        var verdict = evidence.Verdict();
        var flag = Assert.Single(verdict.Flags);
        Assert.InRange(raisedAt, 6, 8);
        Assert.Equal(SessionVerdictKind.NeedsReview, verdict.Kind);
        Assert.Equal(ReviewPriority.High, verdict.Priority);
        Assert.Equal(Enumerable.Range(6, raisedAt - 5), flag.Frames);
    }

    [Fact]
    public void Flags_no_face_only_after_a_run_of_frames()
    {
        var evidence = new SessionEvidence(Options);
        evidence.Observe(Face(1, 0.6));
        Assert.Empty(evidence.Observe(new FrameObservation(2, 0, null, null, 100, false)));
        Assert.Empty(evidence.Observe(new FrameObservation(3, 0, null, null, 100, false)));

        var raised = evidence.Observe(new FrameObservation(4, 0, null, null, 100, false));

        Assert.Equal([2, 3, 4], Assert.Single(raised).Frames);
    }

    [Fact]
    public void Flags_black_frames_as_a_blocked_camera_not_as_no_face()
    {
        var evidence = new SessionEvidence(Options);
        evidence.Observe(Face(1, 0.6));
        for (var i = 2; i <= 4; i++)
        {
            evidence.Observe(new FrameObservation(i, 0, null, null, 2, false));
        }

        Assert.Equal([SessionFlagKind.CameraBlocked], evidence.Verdict().Flags.Select(f => f.Kind));
    }

    [Fact]
    public void Flags_frozen_frames_as_a_blocked_camera()
    {
        var evidence = new SessionEvidence(Options);
        evidence.Observe(Face(1, 0.6));
        for (var i = 2; i <= 4; i++)
        {
            evidence.Observe(new FrameObservation(i, 1, 0.6, 0.9, 120, true));
        }

        Assert.Contains(evidence.Verdict().Flags, f => f.Kind == SessionFlagKind.CameraBlocked);
    }

    [Fact]
    public void Flags_two_faces_and_spoofs_on_runs_of_frames()
    {
        var evidence = new SessionEvidence(Options);
        evidence.Observe(new FrameObservation(1, 2, null, 0.9, 120, false));
        evidence.Observe(new FrameObservation(2, 2, null, 0.9, 120, false));
        evidence.Observe(Face(3, 0.6, liveness: 0.05));
        evidence.Observe(Face(4, 0.6, liveness: 0.1));

        var kinds = evidence.Verdict().Flags.Select(f => f.Kind).ToList();

        Assert.Contains(SessionFlagKind.SeveralFaces, kinds);
        Assert.Contains(SessionFlagKind.SuspectedSpoof, kinds);
    }

    [Fact]
    public void Flags_typing_that_looks_like_someone_else_and_a_gap_in_the_stream()
    {
        var evidence = new SessionEvidence(Options);
        evidence.Observe(Face(1, 0.6));
        Assert.Null(evidence.ObserveTyping(1, 1.5));

        var typing = evidence.ObserveTyping(2, -4.0);
        var gap = evidence.ObserveGap(TimeSpan.FromSeconds(40), 1);

        Assert.Equal([1, 2], typing!.Frames);
        Assert.NotNull(gap);
        Assert.Equal(ReviewPriority.Normal, evidence.Verdict().Priority);
    }

    [Fact]
    public void Sends_a_session_with_no_matching_frame_to_review()
    {
        var verdict = new SessionEvidence(Options).Verdict();

        Assert.Equal(SessionVerdictKind.NeedsReview, verdict.Kind);
        Assert.Equal(ReviewPriority.Low, verdict.Priority);
    }
}
