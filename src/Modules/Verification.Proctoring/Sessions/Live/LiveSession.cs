using System.Threading.Channels;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Identity;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// One open session in memory: its bounded frame queue, its evidence, and the recent frames a flag may keep (by
/// reference: the arrays the hub received). Evidence and the window are touched by the frame loop, keystroke checks,
/// the monitor and the shedding callback, always under <see cref="Gate"/>.
/// </summary>
internal sealed class LiveSession
{
    private readonly Queue<(int Frame, byte[] Image)> _recent = new();
    private readonly List<KeystrokeSample> _scoredTypings = [];
    private readonly int _window;
    private int _nextFrame;
    private int _typingChecks;
    private int _shed;

    public LiveSession(Guid sessionId, IdentityProfile profile, Guid courseId, string assessmentId, int attempt, Guid tokenId, SessionSettings settings, DateTimeOffset now)
    {
        SessionId = sessionId;
        Profile = profile;
        CourseId = courseId;
        AssessmentId = assessmentId;
        Attempt = attempt;
        TokenId = tokenId;
        StartedAt = now;
        // A refined profile scores its typist higher, so it has its own fitted typing model and level.
        Evidence = new SessionEvidence(settings.Fusion.ForTypingProfile(profile.Typing?.IsRefined == true));
        _window = settings.EvidenceWindow;
        LastFrameAt = now;
        LastActivityAt = now;
        LastTypingAskedAt = now;
        Frames = Channel.CreateBounded<QueuedFrame>(
            new BoundedChannelOptions(settings.FrameQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnFrameShed);
    }

    public event Action<LiveSession, QueuedFrame>? FrameShed;

    public Guid SessionId { get; }

    public Guid LearnerId => Profile.LearnerId;

    public Guid CourseId { get; }

    public string AssessmentId { get; }

    public int Attempt { get; }

    /// <summary>The id of the token that opened the session; no other session can be opened with it.</summary>
    public Guid TokenId { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Completed once, by the first <c>EndSession</c> or idle timeout; every later end returns the same verdict.</summary>
    public TaskCompletionSource<Contracts.Player.VerdictChanged> Final { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set after the first analysis failure was logged with its stack trace; later ones are counted, not repeated.</summary>
    public bool FailureLogged { get; set; }

    public IdentityProfile Profile { get; }

    public Channel<QueuedFrame> Frames { get; }

    public SessionEvidence Evidence { get; }

    /// <summary>The typing of the session's text answers so far; touched under <see cref="Gate"/>.</summary>
    public AnswerTyping.SessionAnswerTyping AnswerTyping { get; } = new();

    public Lock Gate { get; } = new();

    /// <summary>
    /// The typings of the session's scored typing checks, in the order scored; a verified session refines the learner's
    /// typing profile with them. Only this node's: a session taken over keeps the checks scored after the takeover (the
    /// earlier ones were recorded as scores, not timings). A copy; call under <see cref="Gate"/>.
    /// </summary>
    public IReadOnlyList<KeystrokeSample> ScoredTypings => [.. _scoredTypings];

    /// <summary>Keeps a scored typing check's sample for the refinement; call under <see cref="Gate"/>.</summary>
    public void KeepScoredTyping(KeystrokeSample sample) => _scoredTypings.Add(sample);

    public string? ConnectionId { get; set; }

    public DateTimeOffset LastFrameAt { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    public SessionVerdictKind LastVerdict { get; set; } = SessionVerdictKind.NeedsReview;

    public int LastFrameNumber { get; set; }

    public int Shed => Volatile.Read(ref _shed);

    public Task Processing { get; set; } = Task.CompletedTask;

    public bool Ending { get; set; }

    /// <summary>The last frame the session had before this node took it over (0 for a session started here).</summary>
    public int ResumedAfterFrame { get; private set; }

    public int NextFrameNumber() => Interlocked.Increment(ref _nextFrame);

    /// <summary>Continues the numbering of a session taken over from another node: frames and typing checks go on after the recorded ones.</summary>
    public void ContinueAfter(int lastFrame, int lastTypingCheck)
    {
        ResumedAfterFrame = lastFrame;
        _nextFrame = lastFrame;
        _typingChecks = lastTypingCheck;
        TypingChecksAsked = Math.Max(1, lastTypingCheck);
    }

    public int FramesReceived => Volatile.Read(ref _nextFrame);

    public int NextTypingCheck() => Interlocked.Increment(ref _typingChecks);

    /// <summary>Typing checks asked for so far: the player's own one at the start, then the monitor's prompts.</summary>
    public int TypingChecksAsked { get; set; } = 1;

    public DateTimeOffset LastTypingAskedAt { get; set; }

    /// <summary>Keeps a reference to the frame for a while (no copy); call under <see cref="Gate"/>.</summary>
    public void Remember(int frame, byte[] image)
    {
        _recent.Enqueue((frame, image));
        while (_recent.Count > _window)
        {
            _recent.Dequeue();
        }
    }

    /// <summary>The remembered images of the named frames; call under <see cref="Gate"/>.</summary>
    public IReadOnlyList<(int Frame, byte[] Image)> Recall(IReadOnlyList<int> frames) =>
        [.. _recent.Where(r => frames.Contains(r.Frame))];

    private void OnFrameShed(QueuedFrame frame)
    {
        Interlocked.Increment(ref _shed);
        lock (Gate)
        {
            Evidence.Account(frame.Frame);
        }

        FrameShed?.Invoke(this, frame);
    }
}
