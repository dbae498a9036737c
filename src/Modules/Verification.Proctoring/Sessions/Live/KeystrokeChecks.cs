using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Consent;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Hub;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Sessions.Telemetry;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// Scores a typing check at once, on the caller's thread: it costs well under a millisecond, so keystroke batches are
/// never queued behind frames and never shed.
/// </summary>
internal sealed class KeystrokeChecks(
    KeystrokeVerifier verifier, TypingConsentGate consent, TypingCheckStore store, IHubContext<ProctoringHub, IProctoringClient> hub, ProctoringMetrics metrics,
    TimeProvider time, ILogger<KeystrokeChecks> logger)
{
    public async Task<KeystrokeResult> CheckAsync(LiveSession session, KeystrokeBatch? batch)
    {
        var (result, logLikelihoodRatio) = await ScoreAsync(session, batch);
        metrics.TypingChecked(result.Usable ? (result.Accepted == true ? "accepted" : "not_accepted") : result.Code ?? "unusable");
        if (!TypingConsentGate.Refused(result.Code))
        {
            try
            {
                await store.RecordAsync(result, logLikelihoodRatio);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                // The check still counts in the session's evidence; only its record for the export and the reviewer is missing.
                logger.LogWarning("Session {SessionId} could not record typing check {Check}: database unreachable ({Reason})", session.SessionId, result.Check, ex.Message);
            }
        }

        return result;
    }

    private async Task<(KeystrokeResult Result, double? LogLikelihoodRatio)> ScoreAsync(LiveSession session, KeystrokeBatch? batch)
    {
        if (batch?.Fallback is { } fallback)
        {
            return (FallBack(session, fallback), null);
        }

        var events = KeystrokeBatchReader.Read(batch);
        var check = session.NextTypingCheck();
        if (await consent.RefusalAsync(session, LiveConsent.Typing) is { } refusal)
        {
            return (new KeystrokeResult { SessionId = session.SessionId, Check = check, Usable = false, Code = refusal.Code, Message = refusal.Message, Verdict = session.LastVerdict.ToString() }, null);
        }

        var read = KeystrokeSampleReader.Read(session.Profile.TypingPhrase, events);
        if (read.Sample is null || session.Profile.Typing is null)
        {
            var code = read.Rejection?.Code ?? "typing_not_enrolled";
            var message = read.Rejection?.LearnerMessage ?? "No typing profile was enrolled; the face checks stand alone.";
            return (new KeystrokeResult { SessionId = session.SessionId, Check = check, Usable = false, Code = code, Message = message, Verdict = session.LastVerdict.ToString() }, null);
        }

        var score = verifier.Score(session.Profile.Typing, read.Sample);
        Matching.Fusion.SessionFlag? raised;
        Matching.Fusion.SessionVerdict verdict;
        lock (session.Gate)
        {
            raised = session.Evidence.ObserveTyping(check, score.LogLikelihoodRatio);
            verdict = session.Evidence.Verdict();
            session.KeepScoredTyping(read.Sample);
        }

        session.LastActivityAt = time.GetUtcNow();
        await SessionNotifier.AnnounceAsync(hub, session, verdict, raised is null ? [] : [raised]);
        return (new KeystrokeResult
        {
            SessionId = session.SessionId,
            Check = check,
            Usable = true,
            GenuineProbability = score.GenuineProbability,
            Accepted = score.Accepted,
            Verdict = verdict.Kind.ToString(),
        }, score.LogLikelihoodRatio);
    }

    /// <summary>
    /// A typing without per-key timings (a touch keyboard): recorded with its reason, never scored and never a mismatch.
    /// A learner who enrolled typing and sits this session on a touch keyboard goes on too, never locked out: the session
    /// then lacks the typing check its profile asks for, so it ends NeedsReview and a reviewer sees why typing is missing.
    /// </summary>
    private static KeystrokeResult FallBack(LiveSession session, string reason)
    {
        if (!TypingFallback.IsKnown(reason))
        {
            throw new HubException($"{TypingFallback.UnknownReasonCode}: the typing fallback must be one of {string.Join(", ", TypingFallback.Reasons)}.");
        }

        return new KeystrokeResult
        {
            SessionId = session.SessionId,
            Check = session.NextTypingCheck(),
            Usable = false,
            Code = reason,
            Message = session.Profile.Typing is null
                ? "Typing is not available on a touch keyboard; your face checks stand alone."
                : "Typing is not available on a touch keyboard; go on with your exam: a reviewer will look at this session.",
            Verdict = session.LastVerdict.ToString(),
        };
    }
}
