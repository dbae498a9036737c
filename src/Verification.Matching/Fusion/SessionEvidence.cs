namespace Verification.Matching.Fusion;

/// <summary>
/// The running evidence of one verification session. Face scores become log-likelihood ratios that accumulate with
/// decay, so one bad frame moves little while a person swapped in is caught within a few frames; the other flags fire on
/// runs of frames. Not thread-safe: one session's observations arrive in order, under the session's own lock.
/// </summary>
public sealed class SessionEvidence(FusionOptions options)
{
    private readonly Dictionary<SessionFlagKind, SessionFlag> _flags = [];
    private readonly FlagRun _noFace = new(options.NoFaceFrames);
    private readonly FlagRun _severalFaces = new(options.SeveralFacesFrames);
    private readonly FlagRun _spoof = new(options.SpoofFrames);
    private readonly FlagRun _blocked = new(options.BlockedFrames);
    private readonly FlagRun _againstProfile = new(1);
    private readonly List<int> _typingChecks = [];
    private readonly List<double> _typingScores = [];
    private double _faceEvidence;
    private double _typingEvidence;
    private int _framesAnalysed;
    private int _framesMatched;

    public double FaceEvidence => _faceEvidence;

    /// <summary>Adds one frame; returns the flags this frame raised for the first time.</summary>
    public IReadOnlyList<SessionFlag> Observe(FrameObservation frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var raised = new List<SessionFlag>();
        _framesAnalysed++;
        var black = frame.Brightness is { } brightness && brightness < options.BlackFrameBrightness;
        _blocked.Observe(black || frame.Frozen, frame.Frame, frame.Brightness ?? 0);
        Raise(raised, _blocked, SessionFlagKind.CameraBlocked, $"{options.BlockedFrames} black or frozen frames in a row");
        _noFace.Observe(frame.FacesFound == 0 && !black, frame.Frame, 0);
        Raise(raised, _noFace, SessionFlagKind.NoFace, $"no face in {options.NoFaceFrames} frames in a row");
        _severalFaces.Observe(frame.FacesFound > 1, frame.Frame, frame.FacesFound);
        Raise(raised, _severalFaces, SessionFlagKind.SeveralFaces, $"more than one face in {options.SeveralFacesFrames} frames in a row");
        _spoof.Observe(frame.Liveness is { } live && live < options.LivenessThreshold, frame.Frame, frame.Liveness ?? 1);
        Raise(raised, _spoof, SessionFlagKind.SuspectedSpoof, $"liveness below {options.LivenessThreshold} in {options.SpoofFrames} frames in a row");

        if (frame.MatchScore is { } score)
        {
            var llr = FaceScoreModel.LogLikelihoodRatio(score, options);
            _faceEvidence = (options.Decay * _faceEvidence) + llr;
            _againstProfile.Observe(llr < 0, frame.Frame, score);
            if (llr > 0)
            {
                _framesMatched++;
            }

            if (_faceEvidence < options.MismatchEvidence && !_flags.ContainsKey(SessionFlagKind.FaceMismatch))
            {
                var flag = new SessionFlag(
                    SessionFlagKind.FaceMismatch,
                    $"decayed face evidence {_faceEvidence:F1} below {options.MismatchEvidence}",
                    [.. _againstProfile.Frames],
                    [.. _againstProfile.Scores],
                    -_faceEvidence);
                _flags[flag.Kind] = flag;
                raised.Add(flag);
            }
        }

        return raised;
    }

    /// <summary>Adds one typing check; returns the typing flag when this check raised it.</summary>
    public SessionFlag? ObserveTyping(int check, double logLikelihoodRatio)
    {
        _typingEvidence += logLikelihoodRatio;
        _typingChecks.Add(check);
        _typingScores.Add(logLikelihoodRatio);
        if (_typingEvidence >= options.TypingMismatchEvidence || _flags.ContainsKey(SessionFlagKind.TypingMismatch))
        {
            return null;
        }

        var flag = new SessionFlag(SessionFlagKind.TypingMismatch, $"typing evidence {_typingEvidence:F1} below {options.TypingMismatchEvidence}", [.. _typingChecks], [.. _typingScores], -_typingEvidence);
        _flags[flag.Kind] = flag;
        return flag;
    }

    /// <summary>Records that no frame arrived for <paramref name="gap"/> after frame <paramref name="lastFrame"/>.</summary>
    public SessionFlag? ObserveGap(TimeSpan gap, int lastFrame)
    {
        if (_flags.ContainsKey(SessionFlagKind.StreamGap))
        {
            return null;
        }

        var flag = new SessionFlag(SessionFlagKind.StreamGap, $"no frame for {gap.TotalSeconds:F0} s", lastFrame > 0 ? [lastFrame] : [], [gap.TotalSeconds], gap.TotalSeconds);
        _flags[flag.Kind] = flag;
        return flag;
    }

    public SessionVerdict Verdict()
    {
        var flags = _flags.Values.OrderBy(f => f.Kind).ToList();
        if (flags.Count == 0 && _framesMatched == 0)
        {
            flags.Add(new SessionFlag(SessionFlagKind.NoFace, "no frame of the session matched the enrolled face", [], [], 0));
        }

        if (flags.Count == 0)
        {
            return new SessionVerdict(SessionVerdictKind.Verified, ReviewPriority.None, flags, _faceEvidence, _framesAnalysed, _framesMatched);
        }

        return new SessionVerdict(SessionVerdictKind.NeedsReview, PriorityOf(flags), flags, _faceEvidence, _framesAnalysed, _framesMatched);
    }

    private static ReviewPriority PriorityOf(IReadOnlyList<SessionFlag> flags)
    {
        if (flags.Any(f => f.Kind is SessionFlagKind.FaceMismatch or SessionFlagKind.SuspectedSpoof))
        {
            return ReviewPriority.High;
        }

        return flags.Any(f => f.Kind is SessionFlagKind.TypingMismatch or SessionFlagKind.SeveralFaces) ? ReviewPriority.Normal : ReviewPriority.Low;
    }

    private void Raise(List<SessionFlag> raised, FlagRun run, SessionFlagKind kind, string rule)
    {
        if (!run.Reached || _flags.ContainsKey(kind))
        {
            return;
        }

        var flag = new SessionFlag(kind, rule, [.. run.Frames], [.. run.Scores], run.Frames.Count);
        _flags[kind] = flag;
        raised.Add(flag);
    }
}
