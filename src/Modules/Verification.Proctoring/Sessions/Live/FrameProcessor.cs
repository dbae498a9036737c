using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Verification.Matching.Face;
using Verification.Matching.Frames;
using Verification.Matching.Fusion;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Hub;
using Verification.Proctoring.Sessions.Store;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// The per-session loop: takes the newest queued frame, analyses it, adds it to the evidence, answers the player and
/// keeps what the record needs. One loop per session, so a session's frames are analysed in order.
/// </summary>
internal sealed class FrameProcessor(
    FaceEngine engine,
    IdentityProfiles profiles,
    SessionStore store,
    IHubContext<ProctoringHub, IProctoringClient> hub,
    ILogger<FrameProcessor> logger)
{
    private const string SeveralFacesCode = "several_faces";

    public async Task RunAsync(LiveSession session)
    {
        byte[]? previousHash = null;
        await foreach (var frame in session.Frames.Reader.ReadAllAsync())
        {
            try
            {
                previousHash = await ProcessAsync(session, frame, previousHash);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                // The verdict lives in memory until the session ends; a lost frame row is logged, not fatal.
                logger.LogError(ex, "Session {SessionId} could not record frame {Frame}", session.SessionId, frame.Frame);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(frame.Buffer, clearArray: true);
            }
        }
    }

    private async Task<byte[]?> ProcessAsync(LiveSession session, QueuedFrame frame, byte[]? previousHash)
    {
        // Withdrawing consent stops collection at once, also in a session already running: the frame is not analysed or kept.
        if (!await profiles.HasActiveConsentAsync(session.LearnerId, CancellationToken.None))
        {
            await hub.Clients.Client(session.ConnectionId ?? "").FrameResult(new FrameResult
            {
                SessionId = session.SessionId,
                Frame = frame.Frame,
                Code = "consent_withdrawn",
                Message = "You withdrew your consent, so no picture is checked or kept. Ask for the manual review alternative.",
                Verdict = session.LastVerdict.ToString(),
            });
            return previousHash;
        }

        var analysis = engine.Analyze(frame.Bytes, engine.Options.Session);
        var hash = SHA256.HashData(frame.Bytes);
        var code = analysis.Rejection?.Code;
        var unreadable = code is not null && (code.StartsWith("image_", StringComparison.Ordinal) || code == "not_an_image");
        // The engine embeds the main face; small faces far in the background (a poster, a passer-by) count only when the
        // session gate calls them "several faces", which uses the same minimum face size as the learner's own face.
        double? score = analysis.Embedding is { } embedding ? session.Profile.Face.Score(embedding) : null;
        var faces = analysis.FacesFound == 0 ? 0 : code == SeveralFacesCode ? 2 : 1;
        double? brightness = analysis.Quality?.Brightness ?? (faces == 0 && !unreadable ? FrameBrightness.Measure(frame.Bytes) : null);
        var observation = new FrameObservation(frame.Frame, faces, score, analysis.Liveness, brightness, previousHash is not null && hash.AsSpan().SequenceEqual(previousHash));

        IReadOnlyList<SessionFlag> raised = [];
        IReadOnlyList<(int Frame, byte[] Image)> evidence = [];
        SessionVerdict verdict;
        lock (session.Gate)
        {
            if (!unreadable)
            {
                raised = session.Evidence.Observe(observation);
                session.Remember(frame.Frame, frame.Bytes);
                if (raised.Count > 0)
                {
                    evidence = session.Recall([.. raised.SelectMany(f => f.Frames)]);
                }
            }

            verdict = session.Evidence.Verdict();
        }

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
        await store.RecordFrameAsync(session.SessionId, frame.Frame, frame.ReceivedAt, observation, code, CancellationToken.None);
        await store.KeepEvidenceAsync(session.SessionId, evidence, CancellationToken.None);
        return hash;
    }
}
