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
    SessionSettings settings, TimeProvider time, ILogger<KeystrokeChecks> logger)
{
    public const string ChecksCompleteCode = "typing_checks_complete";
    public const string NotRecordedCode = "typing_not_recorded";

    /// <summary>
    /// Scores the check, records it, and then counts it in the session's evidence unless the session ended meanwhile,
    /// so a recorded check is never missing from the live evidence nor counted after the verdict. A check that cannot be
    /// recorded is not counted either, as a frame is not: the live evidence then holds nothing that a node taking the
    /// session over cannot read back, and the learner types again.
    /// </summary>
    public async Task<KeystrokeResult> CheckAsync(LiveSession session, KeystrokeBatch? batch)
    {
        if (AllChecksTaken(session))
        {
            metrics.TypingChecked(ChecksCompleteCode);
            return Unusable(session, 0, ChecksCompleteCode, "This session has all the typing it needs; go on with your assessment.");
        }

        var (result, score) = await ScoreAsync(session, batch);
        if (!TypingConsentGate.Refused(result.Code) && !await RecordedAsync(session, result, score))
        {
            metrics.TypingChecked(NotRecordedCode);
            return Unusable(session, result.Check, NotRecordedCode, "Your typing could not be checked just now. Please type the phrase again.");
        }

        if (score is not null)
        {
            result = await CountAsync(session, result, score);
        }

        metrics.TypingChecked(result.Usable ? (result.Accepted == true ? "accepted" : "not_accepted") : result.Code ?? "unusable");
        return result;
    }

    private async Task<bool> RecordedAsync(LiveSession session, KeystrokeResult result, ScoredTyping? score)
    {
        try
        {
            await store.RecordAsync(result, score?.Score.LogLikelihoodRatio);
            return true;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Session {SessionId} could not record typing check {Check}: database unreachable ({Reason})", session.SessionId, result.Check, ex.Message);
            return false;
        }
    }

    // The first check, one per prompt of the session monitor and one asked again after a mismatch: more is not a
    // learner answering prompts, and would let typing banked early outweigh an impostor's later checks.
    private bool AllChecksTaken(LiveSession session)
    {
        lock (session.Gate)
        {
            return session.Evidence.TypingChecks >= settings.Fusion.TypingChecksPerSession + 1;
        }
    }

    private async Task<KeystrokeResult> CountAsync(LiveSession session, KeystrokeResult result, ScoredTyping score)
    {
        Matching.Fusion.SessionFlag? raised;
        Matching.Fusion.SessionVerdict verdict;
        lock (session.Gate)
        {
            if (session.Ending)
            {
                // Recorded, but the verdict was already reached without it; the export still lists it.
                return Unusable(session, result.Check, AnswerTyping.AnswerTypingChecks.SessionEnded, "This session has ended.");
            }

            raised = session.Evidence.ObserveTyping(result.Check, score.Score.LogLikelihoodRatio);
            verdict = session.Evidence.Verdict();
            session.KeepScoredTyping(score.Sample);
        }

        session.LastActivityAt = time.GetUtcNow();
        await SessionNotifier.AnnounceAsync(hub, session, verdict, raised is null ? [] : [raised]);
        result.Verdict = verdict.Kind.ToString();
        return result;
    }

    private static KeystrokeResult Unusable(LiveSession session, int check, string code, string message) =>
        new() { SessionId = session.SessionId, Check = check, Usable = false, Code = code, Message = message, Verdict = session.LastVerdict.ToString() };

    /// <summary>The check's result and, for a usable typing, its score; nothing is counted in the evidence yet.</summary>
    private async Task<(KeystrokeResult Result, ScoredTyping? Score)> ScoreAsync(LiveSession session, KeystrokeBatch? batch)
    {
        if (batch?.Fallback is { } fallback)
        {
            return (FallBack(session, fallback), null);
        }

        var events = KeystrokeBatchReader.Read(batch);
        var check = session.NextTypingCheck();
        if (await consent.RefusalAsync(session, LiveConsent.Typing) is { } refusal)
        {
            return (Unusable(session, check, refusal.Code, refusal.Message), null);
        }

        var read = KeystrokeSampleReader.Read(session.Profile.TypingPhrase, events);
        if (read.Sample is null || session.Profile.Typing is null)
        {
            var code = read.Rejection?.Code ?? "typing_not_enrolled";
            var message = read.Rejection?.LearnerMessage ?? "No typing profile was enrolled; the face checks stand alone.";
            return (Unusable(session, check, code, message), null);
        }

        var score = new ScoredTyping(verifier.Score(session.Profile.Typing, read.Sample), read.Sample);
        return (new KeystrokeResult
        {
            SessionId = session.SessionId,
            Check = check,
            Usable = true,
            GenuineProbability = score.Score.GenuineProbability,
            Accepted = score.Score.Accepted,
            Verdict = session.LastVerdict.ToString(),
        }, score);
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

        return Unusable(session, session.NextTypingCheck(), reason, session.Profile.Typing is null
            ? "Typing is not available on a touch keyboard; your face checks stand alone."
            : "Typing is not available on a touch keyboard; go on with your exam: a reviewer will look at this session.");
    }

    private sealed record ScoredTyping(KeystrokeScore Score, KeystrokeSample Sample);
}
