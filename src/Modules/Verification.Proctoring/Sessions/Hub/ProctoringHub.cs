using Microsoft.AspNetCore.SignalR;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Sessions.AnswerTyping;
using Verification.Proctoring.Sessions.Live;

namespace Verification.Proctoring.Sessions.Hub;

/// <summary>
/// <c>/hubs/proctoring</c>: the course player's connection (docs/player-protocol.md). Each connection carries at most one
/// session; refusals come back as errors with a reason code and the connection stays open.
/// </summary>
internal sealed class ProctoringHub(SessionLifecycle lifecycle, KeystrokeChecks keystrokes, AnswerTypingChecks answerTyping, SessionSettings settings)
    : Hub<IProctoringClient>
{
    private const string SessionKey = "session";

    public Task<SessionStarted> StartSession(string token) => OpenAsync(token, null);

    public Task<SessionStarted> ResumeSession(string token, Guid sessionId) => OpenAsync(token, sessionId);

    public FrameAccepted SendFrame(byte[] jpeg) => lifecycle.Enqueue(Current(), jpeg);

    /// <summary>A client-to-server stream of JPEG frames; each is queued like <see cref="SendFrame"/>.</summary>
    public async Task StreamFrames(IAsyncEnumerable<byte[]> frames)
    {
        var session = Current();
        await foreach (var frame in frames.WithCancellation(Context.ConnectionAborted))
        {
            lifecycle.Enqueue(session, frame);
        }
    }

    public Task<KeystrokeResult> SendKeystrokes(KeystrokeBatch? batch) => keystrokes.CheckAsync(Current(), batch);

    /// <summary>The timing of some typing in the assessment's text answers (key classes and times only); refused once the session has ended.</summary>
    public Task<AnswerTypingResult> SendAnswerTyping(AnswerTypingBatch? batch)
    {
        if (Context.Items.TryGetValue(SessionKey, out var item) && item is LiveSession { Ending: true })
        {
            throw new HubException($"{AnswerTypingChecks.SessionEnded}: this session has ended; its verdict is reached.");
        }

        return answerTyping.RecordAsync(Current(), batch);
    }

    /// <summary>Ends the connection's session; called again, it returns the same final verdict (the session is ended once).</summary>
    public Task<VerdictChanged> EndSession()
    {
        if (Context.Items.TryGetValue(SessionKey, out var item) && item is LiveSession session)
        {
            // No ConnectionAborted here: a player closing its tab during EndSession must not cancel the verdict.
            return lifecycle.EndAsync(session, timedOut: false);
        }

        throw new HubException("session_not_started: call StartSession with a session token first.");
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        // The session outlives the connection: the player may reconnect and resume it before the idle timeout.
        lifecycle.Detach(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private async Task<SessionStarted> OpenAsync(string token, Guid? resume)
    {
        if (Context.Items.TryGetValue(SessionKey, out var item) && item is LiveSession { Ending: false })
        {
            throw new HubException("session_already_open: this connection already carries a session; end it first.");
        }

        var (session, resumed) = await lifecycle.StartAsync(token, resume, Context.ConnectionId, Context.ConnectionAborted);
        Context.Items[SessionKey] = session;
        return new SessionStarted
        {
            SessionId = session.SessionId,
            Resumed = resumed,
            FrameIntervalSeconds = settings.FrameIntervalSeconds,
            TypingPhrase = session.Profile.TypingPhrase,
            Verdict = session.LastVerdict.ToString(),
        };
    }

    private LiveSession Current()
    {
        if (Context.Items.TryGetValue(SessionKey, out var item) && item is LiveSession { Ending: false } session)
        {
            return session;
        }

        throw new HubException("session_not_started: call StartSession with a session token first.");
    }
}
