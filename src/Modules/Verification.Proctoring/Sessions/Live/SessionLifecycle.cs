using System.Diagnostics;
using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verification.BuildingBlocks.Ids;
using Verification.Matching.Fusion;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Hub;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>Opens, resumes and ends sessions, and takes their frames. Refusals are <see cref="HubException"/>s with a reason code.</summary>
internal sealed class SessionLifecycle(
    LearnerTokens tokens,
    IdentityProfiles profiles,
    LiveSessions sessions,
    FrameProcessor processor,
    SessionStore store,
    SessionSettings settings,
    IServiceProvider services,
    IHubContext<ProctoringHub, IProctoringClient> hub,
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
            var existing = sessions.Find(resumeId);
            if (existing is null || existing.Ending)
            {
                throw new HubException("session_not_found: that session has ended or never existed. Start a new one.");
            }

            if (existing.LearnerId != claims.LearnerId)
            {
                throw new HubException("session_forbidden: this session belongs to another learner.");
            }

            return (Attach(existing, connectionId), true);
        }

        var open = sessions.FindOpen(claims.LearnerId, claims.CourseId, claims.AssessmentId);
        if (open is not null)
        {
            return (Attach(open, connectionId), true);
        }

        if (!await profiles.HasActiveConsentAsync(claims.LearnerId, cancellationToken))
        {
            throw new HubException("consent_missing: identity checks need your consent. Accept it on the identity page, or ask for the manual review alternative.");
        }

        var profile = await profiles.LoadAsync(claims.LearnerId, cancellationToken)
            ?? throw new HubException("identity_not_enrolled: enroll your identity (face, photo ID and typing) before the assessment.");

        var session = new LiveSession(TimeOrderedId.New(time), profile, claims.CourseId, claims.AssessmentId, settings, time.GetUtcNow());
        session.FrameShed += OnFrameShed;
        await store.CreateAsync(session.SessionId, session.LearnerId, session.CourseId, session.AssessmentId, cancellationToken);
        sessions.TryAdd(session);
        Attach(session, connectionId);
        session.Processing = Task.Run(() => processor.RunAsync(session), CancellationToken.None);
        logger.LogInformation("Session {SessionId} started for learner {LearnerId}", session.SessionId, session.LearnerId);
        return (session, false);
    }

    public FrameAccepted Enqueue(LiveSession session, ReadOnlySpan<byte> jpeg)
    {
        if (session.Ending)
        {
            return new FrameAccepted { Code = "session_ended", Message = "This session has ended." };
        }

        if (jpeg.Length == 0 || jpeg.Length > settings.MaxFrameBytes)
        {
            return new FrameAccepted { Code = jpeg.Length == 0 ? "image_empty" : "image_too_large", Message = $"Send a JPEG or PNG frame of at most {settings.MaxFrameBytes / 1024} KB." };
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(jpeg.Length);
        jpeg.CopyTo(buffer);
        var now = time.GetUtcNow();
        var frame = new QueuedFrame(session.NextFrameNumber(), buffer, jpeg.Length, now, Stopwatch.GetTimestamp());
        session.LastFrameAt = now;
        session.LastActivityAt = now;
        session.LastFrameNumber = frame.Frame;
        if (!session.Frames.Writer.TryWrite(frame))
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            return new FrameAccepted { Frame = frame.Frame, Code = "session_ended", Message = "This session has ended." };
        }

        return new FrameAccepted { Frame = frame.Frame };
    }

    /// <summary>Analyses what is still queued, then records the final verdict, opens a review case if needed and publishes both.</summary>
    public async Task<VerdictChanged> EndAsync(LiveSession session, bool timedOut, CancellationToken cancellationToken)
    {
        lock (session.Gate)
        {
            if (session.Ending)
            {
                return SessionNotifier.ToMessage(session.SessionId, session.Evidence.Verdict(), final: true);
            }

            session.Ending = true;
        }

        session.Frames.Writer.TryComplete();
        await session.Processing;
        SessionVerdict verdict;
        lock (session.Gate)
        {
            verdict = session.Evidence.Verdict();
        }

        var caseId = await store.EndAsync(session.SessionId, session.LearnerId, session.CourseId, timedOut, verdict, session.FramesReceived, session.Shed, cancellationToken);
        sessions.Remove(session.SessionId);
        await SessionNotifier.AnnounceAsync(hub, session, verdict, [], final: true);

        var flags = verdict.Flags.Select(f => f.Kind.ToString()).ToArray();
        await using var scope = services.CreateAsyncScope();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
        await publisher.Publish(new SessionVerdictReached(session.SessionId, session.LearnerId, session.CourseId, session.AssessmentId, verdict.Kind.ToString(), verdict.Priority.ToString(), flags), cancellationToken);
        if (caseId is { } id)
        {
            await publisher.Publish(new ReviewCaseOpened(id, session.SessionId, session.LearnerId, session.CourseId, verdict.Priority.ToString(), flags), cancellationToken);
        }

        logger.LogInformation("Session {SessionId} ended {Verdict} with flags {Flags}", session.SessionId, verdict.Kind, flags);
        return SessionNotifier.ToMessage(session.SessionId, verdict, final: true);
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

    private static LiveSession Attach(LiveSession session, string connectionId)
    {
        session.ConnectionId = connectionId;
        return session;
    }

    private void OnFrameShed(LiveSession session, QueuedFrame frame)
    {
        System.Buffers.ArrayPool<byte>.Shared.Return(frame.Buffer, clearArray: true);
        _ = hub.Clients.Client(session.ConnectionId ?? "").FramesShed(new FramesShed
        {
            SessionId = session.SessionId,
            Dropped = 1,
            TotalDropped = session.Shed,
            Rule = "newest frame kept: a frame waiting for analysis is dropped when a newer one arrives",
        });
    }
}
