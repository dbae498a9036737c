using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Verification.BuildingBlocks.Ids;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Consent;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Admission;
using Verification.Proctoring.Sessions.AnswerTyping;
using Verification.Proctoring.Sessions.Hub;
using Verification.Proctoring.Sessions.Nodes;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Sessions.Telemetry;
using Verification.Proctoring.Sessions.Verdicts;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>Opens, resumes and ends sessions, and takes their frames. Refusals are <see cref="HubException"/>s with a reason code.</summary>
internal sealed class SessionLifecycle(
    LearnerTokens tokens,
    IdentityProfiles profiles,
    LiveSessions sessions,
    FrameProcessor processor,
    SessionStore store,
    SessionTakeover takeover,
    PendingVerdicts verdicts,
    SessionSettings settings,
    NodeSettings nodes,
    ProctoringNode node,
    AdmissionControl admission,
    IHubContext<ProctoringHub, IProctoringClient> hub,
    ProctoringMetrics metrics,
    FreeTextScoring freeText,
    FreeTextProfiles freeTextProfiles,
    TypingProfiles typingProfiles,
    ConsentAtEnd consentAtEnd,
    TimeProvider time,
    ILogger<SessionLifecycle> logger)
{
    public async Task<(LiveSession Session, bool Resumed)> StartAsync(string token, Guid? resumeSessionId, string connectionId, CancellationToken cancellationToken)
    {
        var claims = await tokens.ValidateAsync(token);
        if (claims is null || claims.Purpose != LearnerTokenPurpose.Session || string.IsNullOrEmpty(claims.AssessmentId))
        {
            throw new HubException("token_invalid: the session token is missing, expired or not valid for an assessment. Ask the course page for a new one.");
        }

        if (resumeSessionId is { } resumeId)
        {
            return (await ResumeAsync(claims, resumeId, connectionId, cancellationToken), true);
        }

        // A token opens one session: the same token again reattaches to it while it is open, and is refused after.
        var open = sessions.FindByToken(claims.TokenId) ?? sessions.FindOpen(claims.LearnerId, claims.CourseId, claims.AssessmentId, claims.Attempt);
        if (open is not null)
        {
            return (AttachOrRefuse(open, connectionId), true);
        }

        // Only new sessions are refused under overload: open ones keep their frames, keystrokes, verdicts and ends. The
        // ticket holds a place among the starts in flight until this start is done, so a burst does not queue for the pool.
        using var ticket = admission.Admit();
        if (ticket.Refusal is { } busy)
        {
            throw new HubException($"server_busy: the service is at capacity ({busy}). Retry in {ticket.RetryAfterSeconds} seconds.");
        }

        if (sessions.CountOpen(claims.LearnerId) >= settings.MaxLiveSessionsPerLearner)
        {
            throw new HubException($"session_limit: you already have {settings.MaxLiveSessionsPerLearner} sessions open. End one before starting another.");
        }

        if (!await profiles.HasActiveConsentAsync(claims.LearnerId, cancellationToken))
        {
            throw new HubException("consent_missing: identity checks need your consent. Accept it on the identity page, or ask for the manual review alternative.");
        }

        var profile = await profiles.LoadAsync(claims.LearnerId, cancellationToken)
            ?? throw new HubException("identity_not_enrolled: enroll your identity (face, photo ID and typing) before the assessment.");

        var session = new LiveSession(TimeOrderedId.New(time), profile, claims.CourseId, claims.AssessmentId, claims.Attempt, claims.TokenId, settings, time.GetUtcNow());
        if (!await store.CreateAsync(session.SessionId, session.LearnerId, session.CourseId, session.AssessmentId, session.Attempt, session.TokenId, profile.TypingUnavailable, cancellationToken))
        {
            throw new HubException("token_used: this session token already opened a session. Ask the course page for a token for a new attempt.");
        }

        Open(session);
        Attach(session, connectionId);
        logger.LogInformation("Session {SessionId} started for learner {LearnerId}; typing profile refined {TypingProfileRefined}", session.SessionId, session.LearnerId, profile.Typing?.IsRefined == true);
        return (session, false);
    }

    public FrameAccepted Enqueue(LiveSession session, byte[] jpeg)
    {
        if (session.Ending)
        {
            return new FrameAccepted { Code = "session_ended", Message = "This session has ended." };
        }

        if (jpeg is null || jpeg.Length == 0 || jpeg.Length > settings.MaxFrameBytes)
        {
            return new FrameAccepted { Code = jpeg is null || jpeg.Length == 0 ? "image_empty" : "image_too_large", Message = $"Send a JPEG or PNG frame of at most {settings.MaxFrameBytes / 1024} KB." };
        }

        var now = time.GetUtcNow();
        var frame = new QueuedFrame(session.NextFrameNumber(), jpeg, now, Stopwatch.GetTimestamp(), Activity.Current?.Context ?? default);
        session.LastFrameAt = now;
        session.LastActivityAt = now;
        session.LastFrameNumber = frame.Frame;
        if (!session.Frames.Writer.TryWrite(frame))
        {
            lock (session.Gate)
            {
                session.Evidence.Account(frame.Frame);
            }

            return new FrameAccepted { Frame = frame.Frame, Code = "session_ended", Message = "This session has ended." };
        }

        metrics.FrameReceived();
        admission.FrameReceived();
        return new FrameAccepted { Frame = frame.Frame };
    }

    /// <summary>
    /// Ends the session exactly once: analyses what is still queued, then stores the final verdict, its review case and
    /// the messages to other modules (or queues them while the database is away). Every later call, and a concurrent one,
    /// gets the same final verdict. Takes no cancellation token on purpose: a client leaving must not cancel its verdict.
    /// </summary>
    public async Task<VerdictChanged> EndAsync(LiveSession session, bool timedOut)
    {
        bool first;
        lock (session.Gate)
        {
            first = !session.Ending;
            session.Ending = true;
        }

        if (!first)
        {
            return await session.Final.Task;
        }

        try
        {
            var message = await FinishAsync(session, timedOut);
            session.Final.TrySetResult(message);
            return message;
        }
        catch (Exception ex)
        {
            session.Final.TrySetException(ex);
            throw;
        }
    }

    public void Detach(string connectionId)
    {
        foreach (var session in sessions.All)
        {
            if (session.ConnectionId == connectionId)
            {
                session.ConnectionId = null;
            }
        }
    }

    private async Task<VerdictChanged> FinishAsync(LiveSession session, bool timedOut)
    {
        session.Frames.Writer.TryComplete();
        await AwaitFrameLoopAsync(session);
        var covers = await consentAtEnd.ReadAsync(session);
        SessionVerdict verdict;
        SessionFreeText? answers;
        IReadOnlyList<KeystrokeSample> typings;
        bool refinesFreeText;
        lock (session.Gate)
        {
            if (covers is not null && !covers.Contains(LiveConsent.Face))
            {
                session.Evidence.ObserveConsentWithdrawn(0);
            }

            var typingAsked = session.Profile.Typing is not null;
            verdict = session.Evidence.Final(new EvidenceCoverage(session.StartedAt, time.GetUtcNow(), session.FramesReceived, typingAsked));
            answers = session.AnswerTyping.Summary(freeText.Model is not null);
            typings = typingAsked && session.Evidence.TypingRefinesProfile && covers?.Contains(LiveConsent.Typing) == true ? session.ScoredTypings : [];
            refinesFreeText = answers is not null && session.Evidence.FreeTextRefinesProfile && covers?.Contains(LiveConsent.AnswerTyping) == true;
        }

        var outcome = new SessionOutcome(session.SessionId, session.LearnerId, session.CourseId, session.AssessmentId, timedOut ? "timed_out" : "ended", verdict, session.FramesReceived, session.Shed, node.Id)
        {
            FreeText = answers,
        };
        var stored = await verdicts.WriteAsync(outcome);
        if (stored && verdict.Kind == SessionVerdictKind.Verified)
        {
            await RefineProfilesAsync(session, refinesFreeText, typings);
        }

        metrics.SessionEnded(verdict.Kind.ToString(), outcome.Status);
        sessions.Remove(session.SessionId);
        await SessionNotifier.TryAsync(logger, session, "the final verdict", () => SessionNotifier.AnnounceFinalAsync(hub, session, verdict));
        var flags = verdict.Flags.Select(f => f.Kind.ToString()).ToArray();
        logger.LogInformation("Session {SessionId} ended {Verdict} with flags {Flags}; stored {Stored}", session.SessionId, verdict.Kind, flags, stored);
        return SessionNotifier.ToMessage(session.SessionId, verdict, final: true);
    }

    /// <summary>
    /// Waits for the frame loop to analyse what is queued. A loop that stopped on a fault left frames unanalysed: that
    /// counts as a failed analysis, so the session ends NeedsReview, and its verdict is still written.
    /// </summary>
    private async Task AwaitFrameLoopAsync(LiveSession session)
    {
        try
        {
            await session.Processing;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lock (session.Gate)
            {
                session.Evidence.ObserveFailure(session.LastFrameNumber);
            }

            logger.LogError(ex, "Session {SessionId} frame loop stopped on a fault after frame {Frame}; the session will need review", session.SessionId, session.LastFrameNumber);
        }
    }

    /// <summary>
    /// A session the machine verified refines the learner's profiles with its own typing: the free-text profile with its
    /// answer typing, the typing profile with its scored typing checks, each only when that typing's evidence favours the
    /// learner by the fitted rule (<see cref="Matching.Fusion.SessionEvidence.TypingRefinesProfile"/>,
    /// <see cref="Matching.Fusion.SessionEvidence.FreeTextRefinesProfile"/>). A session that needs review never does, even
    /// when a reviewer clears it later: an impostor's typing must not become the profile. Best effort: the verdict is
    /// stored already, and a refinement missed (the database gone meanwhile) only leaves that profile as it was.
    /// </summary>
    private async Task RefineProfilesAsync(LiveSession session, bool refinesFreeText, IReadOnlyList<KeystrokeSample> typings)
    {
        if (refinesFreeText)
        {
            await RefineAsync(session, "free-text", () => freeTextProfiles.RefineAsync(session.LearnerId, session.AnswerTyping.Typing, CancellationToken.None));
        }

        if (typings.Count > 0)
        {
            await RefineAsync(session, "typing", () => typingProfiles.RefineAsync(session.LearnerId, typings, CancellationToken.None));
        }
    }

    private async Task RefineAsync(LiveSession session, string profile, Func<Task<bool>> refine)
    {
        try
        {
            await refine();
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Session {SessionId} did not refine the {Profile} profile: database unreachable ({Reason})", session.SessionId, profile, ex.Message);
        }
    }

    private async Task<LiveSession> ResumeAsync(LearnerTokenClaims claims, Guid sessionId, string connectionId, CancellationToken cancellationToken)
    {
        var existing = sessions.Find(sessionId);
        if (existing is null && await takeover.TakeOverAsync(claims, sessionId, cancellationToken) is { } taken)
        {
            Open(taken);
            return Attach(taken, connectionId);
        }

        if (existing is null || existing.Ending)
        {
            var status = await store.StatusAsync(sessionId, claims.LearnerId, cancellationToken);
            throw status switch
            {
                "interrupted" => new HubException("session_interrupted: the service stopped and no one resumed this session in time, so it was closed for review. Ask the course page for a token for a new attempt and start a new session."),
                // Open in the database but not here: another node serves it, or its node died moments ago and its lease has not run out.
                "open" => new HubException($"session_elsewhere: another node of the service holds this session. Reconnect to the same address, or retry in {nodes.LeaseSeconds} seconds."),
                _ => new HubException("session_not_found: that session has ended or never existed. Start a new one."),
            };
        }

        if (existing.LearnerId != claims.LearnerId)
        {
            throw new HubException("session_forbidden: this session belongs to another learner.");
        }

        if (existing.CourseId != claims.CourseId || existing.AssessmentId != claims.AssessmentId || existing.Attempt != claims.Attempt)
        {
            throw new HubException("session_forbidden: the token is for another course, assessment or attempt than this session.");
        }

        return AttachOrRefuse(existing, connectionId);
    }

    private void Open(LiveSession session)
    {
        session.FrameShed += OnFrameShed;
        sessions.TryAdd(session);
        session.Processing = Task.Run(() => processor.RunAsync(session), CancellationToken.None);
    }

    /// <summary>A session is carried by one connection: taking it over from another live connection is refused.</summary>
    private static LiveSession AttachOrRefuse(LiveSession session, string connectionId)
    {
        if (session.ConnectionId is { } other && other != connectionId)
        {
            throw new HubException("session_in_use: another connection carries this session. Close it, or wait until it is gone, then resume.");
        }

        return Attach(session, connectionId);
    }

    private static LiveSession Attach(LiveSession session, string connectionId)
    {
        session.ConnectionId = connectionId;
        return session;
    }

    private void OnFrameShed(LiveSession session, QueuedFrame frame)
    {
        metrics.FrameShed();
        // A client sending faster than its own frames are analysed sheds them on an idle node too; only a frame shed
        // while every analysis slot is taken says the node is short of capacity (else one flooding player could make
        // the node refuse everyone).
        if (processor.AllAnalysisSlotsBusy)
        {
            admission.FrameShed();
        }
        // Not awaited: the frame is shed inside the send that queued the newer one. A failed send is logged, not lost unseen.
        _ = SessionNotifier.TryAsync(logger, session, "of the shed frame", () => hub.Clients.Client(session.ConnectionId ?? "").FramesShed(new FramesShed
        {
            SessionId = session.SessionId,
            Dropped = 1,
            TotalDropped = session.Shed,
            Rule = "newest frame kept: a frame waiting for analysis is dropped when a newer one arrives",
        }));
    }
}
