using Verification.Matching.Keystroke.FreeText;

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
    private readonly CoverageLedger _coverage = new();
    private double _faceEvidence;
    private double _typingEvidence;
    private FreeTextEvidence? _freeText;
    private int _framesAnalysed;
    private int _framesMatched;

    public double FaceEvidence => _faceEvidence;

    /// <summary>The summed typing log-likelihood ratio so far, after the typing score model.</summary>
    public double TypingEvidence => _typingEvidence;

    /// <summary>The typing checks counted so far, those replayed after a takeover included.</summary>
    public int TypingChecks => _typingChecks.Count;

    /// <summary>
    /// Whether this session's typing checks may refine the learner's typing profile once the session ends Verified: there
    /// were checks, they raised no flag, most of them favour the learner and together they reach
    /// <see cref="FusionOptions.TypingRefinementEvidence"/>. Typing that merely escaped the flag is not enough: an
    /// impostor's typing in the profile would match the impostor from then on.
    /// </summary>
    public bool TypingRefinesProfile =>
        _typingChecks.Count > 0
        && !_flags.ContainsKey(SessionFlagKind.TypingMismatch)
        && _typingEvidence >= options.TypingRefinementEvidence
        && WeakTypingEvidence.Of(_typingChecks, _typingScores, _typingEvidence, options.TypingMismatchEvidence) is null;

    /// <summary>
    /// Whether the session's free-text typing may refine the learner's free-text profile once the session ends Verified:
    /// a fitted free-text model judged it, it raised no typing flag, and its evidence favours the learner (a ratio of at
    /// least 1). Typing no model judged (none configured, or too little of it) never becomes the profile.
    /// </summary>
    public bool FreeTextRefinesProfile =>
        _freeText is { Flags: false, LogLikelihoodRatio: >= 0 }
        && !_flags.ContainsKey(SessionFlagKind.TypingMismatch);

    /// <summary>Adds one frame; returns the flags this frame raised for the first time.</summary>
    public IReadOnlyList<SessionFlag> Observe(FrameObservation frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var raised = new List<SessionFlag>();
        _framesAnalysed++;
        _coverage.Analysed(frame.Frame, frame.At);
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

    /// <summary>Adds one typing check scored by the keystroke verifier; returns the typing flag when this check raised it.</summary>
    public SessionFlag? ObserveTyping(int check, double verifierLogLikelihoodRatio)
    {
        var logLikelihoodRatio = TypingScoreModel.LogLikelihoodRatio(verifierLogLikelihoodRatio, options);
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

    /// <summary>
    /// Sets the free-text evidence: that of all the session's text-answer typing so far, compared at once with the
    /// learner's free-text profile, so each observation replaces the last rather than adding to it (pieces of one
    /// typing are not independent). Returns the typing flag when this evidence is strong enough by the fitted model to
    /// raise it alone; weaker evidence stays on the verdict for the reviewer.
    /// </summary>
    public SessionFlag? ObserveFreeText(FreeTextEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        _freeText = evidence;
        if (!evidence.Flags || _flags.ContainsKey(SessionFlagKind.TypingMismatch))
        {
            return null;
        }

        var rule = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"free-text typing evidence {evidence.LogLikelihoodRatio:F1} over {evidence.Keystrokes} key presses below {evidence.FlagBelow}");
        var flag = new SessionFlag(SessionFlagKind.TypingMismatch, rule, [], [evidence.LogLikelihoodRatio], -evidence.LogLikelihoodRatio);
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

    /// <summary>An analysed frame could not be recorded: it no longer counts as seen for the coverage rule.</summary>
    public void ForgetAnalysis(int frame) => _coverage.Forget(frame);

    /// <summary>The player was told this frame was not used (unreadable, shed, refused): it is not a frame left unseen.</summary>
    public void Account(int frame) => _coverage.Accounted(frame);

    /// <summary>The analysis of <paramref name="frame"/> failed; returns the flag the first time, and names every failed frame.</summary>
    public SessionFlag? ObserveFailure(int frame)
    {
        var first = !_flags.TryGetValue(SessionFlagKind.AnalysisFailed, out var existing);
        IReadOnlyList<int> frames = existing is null ? [frame] : [.. existing.Frames, frame];
        _flags[SessionFlagKind.AnalysisFailed] = new SessionFlag(SessionFlagKind.AnalysisFailed, "the analysis of a frame failed; it was not checked", frames, [], frames.Count);
        return first ? _flags[SessionFlagKind.AnalysisFailed] : null;
    }

    /// <summary>Consent was withdrawn during the session; <paramref name="frame"/> (0 for a typing check) was refused.</summary>
    public SessionFlag? ObserveConsentWithdrawn(int frame)
    {
        if (frame > 0)
        {
            _coverage.Accounted(frame);
        }

        if (_flags.ContainsKey(SessionFlagKind.ConsentWithdrawn))
        {
            return null;
        }

        var flag = new SessionFlag(SessionFlagKind.ConsentWithdrawn, "consent was withdrawn during the session; nothing after it was checked", frame > 0 ? [frame] : [], [], 0);
        _flags[flag.Kind] = flag;
        return flag;
    }

    /// <summary>The verdict the session ends with: the running verdict, and NeedsReview when the evidence does not cover it.</summary>
    public SessionVerdict Final(EvidenceCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var gap = _coverage.Gaps(coverage, options.Coverage, _typingChecks.Count);
        return Verdict(gap);
    }

    /// <summary>The verdict of a session the service stopped under: recorded frames and times, closed for a person to review.</summary>
    public static SessionVerdict Interrupted(IReadOnlyList<int> recordedFrames, DateTimeOffset startedAt, DateTimeOffset? lastFrameAt, DateTimeOffset closedAt)
    {
        ArgumentNullException.ThrowIfNull(recordedFrames);
        var seconds = ((lastFrameAt ?? startedAt) - startedAt).TotalSeconds;
        var flag = new SessionFlag(
            SessionFlagKind.SessionInterrupted,
            $"the service stopped while the session was open; closed at the next start after {(closedAt - startedAt).TotalSeconds:F0} s",
            recordedFrames,
            [Math.Round(seconds, 1)],
            recordedFrames.Count);
        return new SessionVerdict(SessionVerdictKind.NeedsReview, ReviewPriority.Normal, [flag], 0, recordedFrames.Count, 0);
    }

    public SessionVerdict Verdict() => Verdict(null);

    private SessionVerdict Verdict(SessionFlag? coverageGap)
    {
        var flags = _flags.Values.OrderBy(f => f.Kind).ToList();
        if (coverageGap is not null)
        {
            flags.Add(coverageGap);
        }

        if (flags.Count == 0 && _framesMatched == 0)
        {
            flags.Add(new SessionFlag(SessionFlagKind.NoFace, "no frame of the session matched the enrolled face", [], [], 0));
        }

        var weakTyping = _flags.ContainsKey(SessionFlagKind.TypingMismatch)
            ? null
            : WeakTypingEvidence.Of(_typingChecks, _typingScores, _typingEvidence, options.TypingMismatchEvidence);
        if (flags.Count == 0)
        {
            return new SessionVerdict(SessionVerdictKind.Verified, ReviewPriority.None, flags, _faceEvidence, _framesAnalysed, _framesMatched) { WeakTyping = weakTyping, FreeText = _freeText };
        }

        return new SessionVerdict(SessionVerdictKind.NeedsReview, PriorityOf(flags), flags, _faceEvidence, _framesAnalysed, _framesMatched) { WeakTyping = weakTyping, FreeText = _freeText };
    }

    private static ReviewPriority PriorityOf(IReadOnlyList<SessionFlag> flags)
    {
        if (flags.Any(f => f.Kind is SessionFlagKind.FaceMismatch or SessionFlagKind.SuspectedSpoof))
        {
            return ReviewPriority.High;
        }

        return flags.Any(f => f.Kind is SessionFlagKind.TypingMismatch or SessionFlagKind.SeveralFaces or SessionFlagKind.AnalysisFailed or SessionFlagKind.SessionInterrupted)
            ? ReviewPriority.Normal
            : ReviewPriority.Low;
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
