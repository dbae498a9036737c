using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Verification.Matching.Fusion;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.AnswerTyping;
using Verification.Proctoring.Sessions.Nodes;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Tokens;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// Takes over a session whose node died (its lease ran out): reads its recorded frames, failures, typing checks and answer
/// typing, moves it to this node, then rebuilds its evidence from them in their order, so the verdict it ends with covers
/// the whole session.
/// A session whose node still holds its lease is refused with <c>session_elsewhere</c>.
/// </summary>
internal sealed class SessionTakeover(
    SessionTakeoverStore store,
    AnswerTypingStore answerTyping,
    AnswerTypingChecks answerTypingChecks,
    IdentityProfiles profiles,
    SessionSettings settings,
    NodeSettings nodes,
    TimeProvider time,
    ILogger<SessionTakeover> logger)
{
    /// <summary>The session rebuilt on this node, or null when it is not open (the caller says why).</summary>
    public async Task<LiveSession?> TakeOverAsync(LearnerTokenClaims claims, Guid sessionId, CancellationToken cancellationToken)
    {
        var owner = await store.OwnerAsync(sessionId, claims.LearnerId, cancellationToken);
        if (owner is null || owner.Status != "open")
        {
            return null;
        }

        if (owner.CourseId != claims.CourseId || owner.AssessmentId != claims.AssessmentId || owner.Attempt != claims.Attempt)
        {
            throw new HubException("session_forbidden: the token is for another course, assessment or attempt than this session.");
        }

        if (owner.OwnerLive)
        {
            throw Elsewhere();
        }

        // Everything that can fail is read before the move: a session moved here but not rebuilt would be this live
        // node's, which recovery leaves alone, so it would stay open and refuse every resume. Read before the move,
        // a failure leaves it on the dead node, where a later resume or recovery finds it. The move succeeds only while
        // that node's lease is still out, so no frame of its own came in between.
        var profile = await profiles.LoadAsync(claims.LearnerId, cancellationToken)
            ?? throw new HubException("identity_not_enrolled: enroll your identity (face, photo ID and typing) before the assessment.");
        var (frames, checks) = await store.EvidenceAsync(sessionId, cancellationToken);
        var answers = await answerTyping.LoadAsync(sessionId, claims.LearnerId, cancellationToken);

        // Not the client's token: once the move commits, the client leaving must not abandon it half done.
        if (!await store.MoveHereAsync(sessionId, owner.NodeId, CancellationToken.None))
        {
            throw Elsewhere();
        }

        var now = time.GetUtcNow();
        var session = new LiveSession(sessionId, profile, owner.CourseId, owner.AssessmentId, owner.Attempt, owner.TokenId ?? Guid.Empty, settings, Utc(owner.StartedAt))
        {
            LastFrameAt = now,
            LastActivityAt = now,
            LastTypingAskedAt = now,
        };

        lock (session.Gate)
        {
            Replay(session.Evidence, frames, checks, owner.FailedFrames);
            answerTypingChecks.Replay(session, answers);
            session.LastVerdict = session.Evidence.Verdict().Kind;
        }

        var lastFrame = Math.Max(frames.Count == 0 ? 0 : frames[^1].Frame, owner.FailedFrames.DefaultIfEmpty(0).Max());
        session.ContinueAfter(lastFrame, checks.Count == 0 ? 0 : checks[^1].Check);
        session.LastFrameNumber = lastFrame;
        logger.LogWarning("Session {SessionId} taken over from node {NodeId} with {Frames} recorded frames and {Checks} typing checks", sessionId, owner.NodeId, frames.Count, checks.Count);
        return session;
    }

    private HubException Elsewhere() =>
        new($"session_elsewhere: another node of the service holds this session. Reconnect to the same address, or retry in {nodes.LeaseSeconds} seconds.");

    private void Replay(SessionEvidence evidence, IReadOnlyList<SessionTakeoverStore.StoredFrame> frames, IReadOnlyList<SessionTakeoverStore.StoredTypingCheck> checks, int[] failed)
    {
        DateTimeOffset? previous = null;
        foreach (var frame in frames)
        {
            foreach (var shed in frame.ShedBefore)
            {
                evidence.Account(shed);
            }

            var at = Utc(frame.ReceivedAt);
            if (previous is { } before && at - before > TimeSpan.FromSeconds(settings.StreamGapSeconds))
            {
                evidence.ObserveGap(at - before, frame.Frame - 1);
            }

            previous = at;
            if (frame.Observed)
            {
                evidence.Observe(new FrameObservation(frame.Frame, frame.FacesFound, frame.MatchScore, frame.Liveness, frame.Brightness, frame.Frozen, at));
            }
            else
            {
                evidence.Account(frame.Frame);
            }
        }

        foreach (var frame in failed)
        {
            evidence.ObserveFailure(frame);
        }

        // Only the scores were recorded, not the timings: these checks count in the verdict but cannot refine the
        // learner's typing profile; the session refines it with the checks scored on this node after the takeover.
        foreach (var check in checks.Where(c => c.LogLikelihoodRatio is not null))
        {
            evidence.ObserveTyping(check.Check, check.LogLikelihoodRatio!.Value);
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
