using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Verification.Matching.Face;
using Verification.Matching.Fusion;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Hub;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Sessions.Telemetry;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// The per-session loop: takes the newest queued frame, analyses it, adds it to the evidence, answers the player and
/// keeps what the record needs. One loop per session, so a session's frames are analysed in order. A fault stays in
/// its session: a frame that cannot be analysed and recorded counts as unanalysed, and a failed analysis flags the
/// session <c>AnalysisFailed</c>; the loop, the other sessions and the Host go on.
/// </summary>
internal sealed class FrameProcessor(
    FaceEngine engine,
    IdentityProfiles profiles,
    SessionStore store,
    IHubContext<ProctoringHub, IProctoringClient> hub,
    SessionSettings settings,
    ProctoringMetrics metrics,
    ILogger<FrameProcessor> logger)
{
    private readonly SemaphoreSlim _analyses = new(settings.MaxConcurrentAnalyses > 0 ? settings.MaxConcurrentAnalyses : Environment.ProcessorCount);

    /// <summary>Every analysis slot of this node is taken: a frame shed now was shed for want of capacity.</summary>
    public bool AllAnalysisSlotsBusy => _analyses.CurrentCount == 0;

    public async Task RunAsync(LiveSession session)
    {
        byte[]? previousHash = null;
        var previousFrame = session.ResumedAfterFrame;
        await foreach (var frame in session.Frames.Reader.ReadAllAsync())
        {
            // Frames are queued in order and only shedding drops one, so the numbers skipped since the last were shed.
            int[] shedBefore = [.. Enumerable.Range(previousFrame + 1, Math.Max(0, frame.Frame - previousFrame - 1))];
            previousFrame = frame.Frame;
            using var activity = ProctoringMetrics.Traces.StartActivity("frame.process", ActivityKind.Internal, frame.Caller);
            activity?.SetTag("verification.session_id", session.SessionId);
            activity?.SetTag("verification.frame", frame.Frame);
            string outcome;
            try
            {
                (previousHash, outcome) = await ProcessAsync(session, frame, previousHash, shedBefore);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                // Not recorded means not seen: the frame stays unanalysed, so the session cannot end Verified on it.
                lock (session.Gate)
                {
                    session.Evidence.ForgetAnalysis(frame.Frame);
                }

                outcome = "not_recorded";
                logger.LogWarning("Session {SessionId} could not analyse and record frame {Frame}: database unreachable ({Reason})", session.SessionId, frame.Frame, ex.Message);
                await SessionNotifier.TryAsync(logger, session, "of the frame not recorded", () => TellAsync(session, frame, "frame_not_recorded", "This picture could not be checked just now; keep your camera on."));
            }
            catch (Exception ex)
            {
                // The isolation boundary of one session: whatever a frame does to the analysis, only this session hears of it.
                outcome = "failed";
                await FailAsync(session, frame, ex);
            }

            activity?.SetTag("verification.outcome", outcome);
            metrics.FrameAnalysed(outcome, Stopwatch.GetElapsedTime(frame.ReceivedTimestamp));
        }
    }

    private async Task FailAsync(LiveSession session, QueuedFrame frame, Exception ex)
    {
        SessionFlag? raised;
        SessionVerdict verdict;
        lock (session.Gate)
        {
            raised = session.Evidence.ObserveFailure(frame.Frame);
            verdict = session.Evidence.Verdict();
        }

        if (!session.FailureLogged)
        {
            session.FailureLogged = true;
            logger.LogError(ex, "Session {SessionId} analysis of frame {Frame} failed; the session will need review", session.SessionId, frame.Frame);
        }
        else
        {
            logger.LogWarning("Session {SessionId} analysis of frame {Frame} failed again ({ExceptionType})", session.SessionId, frame.Frame, ex.GetType().Name);
        }

        try
        {
            await store.RecordFailureAsync(session.SessionId, frame.Frame, CancellationToken.None);
        }
        catch (Exception recordError) when (recordError is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Session {SessionId} could not record the failed frame {Frame} ({Reason})", session.SessionId, frame.Frame, recordError.Message);
        }

        await SessionNotifier.TryAsync(logger, session, "of the failed frame", async () =>
        {
            await TellAsync(session, frame, "analysis_failed", "This picture could not be checked. A person will review the session.");
            await SessionNotifier.AnnounceAsync(hub, session, verdict, raised is null ? [] : [raised]);
        });
    }

    private Task TellAsync(LiveSession session, QueuedFrame frame, string code, string message) =>
        hub.Clients.Client(session.ConnectionId ?? "").FrameResult(new FrameResult
        {
            SessionId = session.SessionId,
            Frame = frame.Frame,
            Code = code,
            Message = message,
            Verdict = session.LastVerdict.ToString(),
        });

    private async Task<(byte[]? Hash, string Outcome)> ProcessAsync(LiveSession session, QueuedFrame frame, byte[]? previousHash, int[] shedBefore)
    {
        // Withdrawing consent stops collection at once, also in a session already running: the frame is not analysed or kept.
        if (!await profiles.HasActiveConsentAsync(session.LearnerId, CancellationToken.None))
        {
            SessionFlag? withdrawn;
            SessionVerdict current;
            lock (session.Gate)
            {
                withdrawn = session.Evidence.ObserveConsentWithdrawn(frame.Frame);
                current = session.Evidence.Verdict();
            }

            await SessionNotifier.TryAsync(logger, session, "of the refused frame", async () =>
            {
                await TellAsync(session, frame, "consent_withdrawn", "You withdrew your consent, so no picture is checked or kept. Ask for the manual review alternative.");
                await SessionNotifier.AnnounceAsync(hub, session, current, withdrawn is null ? [] : [withdrawn]);
            });
            return (previousHash, "consent_withdrawn");
        }

        FaceAnalysis analysis;
        await _analyses.WaitAsync();
        try
        {
            using var analysing = ProctoringMetrics.Traces.StartActivity("frame.analyse");
            analysis = engine.Analyze(frame.Bytes, engine.Options.Session);
        }
        finally
        {
            _analyses.Release();
        }

        var hash = SHA256.HashData(frame.Bytes);
        var code = analysis.Rejection?.Code;
        var unreadable = SessionFrames.IsUnreadable(analysis);
        var observation = SessionFrames.Observe(frame.Frame, analysis, session.Profile.Face, frame.Bytes, previousHash is not null && hash.AsSpan().SequenceEqual(previousHash), frame.ReceivedAt);
        var faces = observation.FacesFound;
        var score = observation.MatchScore;

        IReadOnlyList<SessionFlag> raised = [];
        IReadOnlyList<(int Frame, byte[] Image)> evidence = [];
        SessionVerdict verdict;
        lock (session.Gate)
        {
            if (unreadable)
            {
                session.Evidence.Account(frame.Frame);
            }
            else
            {
                raised = session.Evidence.Observe(observation);
                session.Remember(frame.Frame, frame.Image);
                if (raised.Count > 0)
                {
                    evidence = session.Recall([.. raised.SelectMany(f => f.Frames)]);
                }
            }

            verdict = session.Evidence.Verdict();
        }

        // Recorded before the player hears of it: a result the player got is in the database, so a node taking the
        // session over after this one dies counts it.
        using (ProctoringMetrics.Traces.StartActivity("frame.store"))
        {
            await store.RecordFrameAsync(session.SessionId, frame.Frame, frame.ReceivedAt, observation, code, !unreadable, shedBefore, CancellationToken.None);
            await store.KeepEvidenceAsync(session.SessionId, session.LearnerId, evidence, CancellationToken.None);
        }

        // The frame is analysed and recorded: a result the player misses does not make it a failed analysis.
        await SessionNotifier.TryAsync(logger, session, "the frame's result", async () =>
        {
            await hub.Clients.Client(session.ConnectionId ?? "").FrameResult(new FrameResult
            {
                SessionId = session.SessionId,
                Frame = frame.Frame,
                FacesFound = faces,
                MatchScore = score,
                Liveness = analysis.Liveness,
                Code = code,
                Message = analysis.Rejection?.LearnerMessage,
                Flags = [.. raised.Select(f => f.Kind.ToString())],
                Verdict = verdict.Kind.ToString(),
                AnalysisMilliseconds = Stopwatch.GetElapsedTime(frame.ReceivedTimestamp).TotalMilliseconds,
            });

            await SessionNotifier.AnnounceAsync(hub, session, verdict, raised);
        });
        return (hash, unreadable ? "unreadable" : "analysed");
    }
}
