using Microsoft.AspNetCore.SignalR;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Hub;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// Scores a typing check at once, on the caller's thread: it costs well under a millisecond, so keystroke batches are
/// never queued behind frames and never shed.
/// </summary>
internal sealed class KeystrokeChecks(KeystrokeVerifier verifier, IdentityProfiles profiles, IHubContext<ProctoringHub, IProctoringClient> hub)
{
    public async Task<KeystrokeResult> CheckAsync(LiveSession session, KeystrokeBatch? batch)
    {
        var events = KeystrokeBatchReader.Read(batch);
        var check = session.NextTypingCheck();
        if (!await profiles.HasActiveConsentAsync(session.LearnerId, CancellationToken.None))
        {
            lock (session.Gate)
            {
                session.Evidence.ObserveConsentWithdrawn(0);
            }

            return new KeystrokeResult { SessionId = session.SessionId, Check = check, Usable = false, Code = "consent_withdrawn", Message = "You withdrew your consent, so your typing is not checked or kept.", Verdict = session.LastVerdict.ToString() };
        }

        var read = KeystrokeSampleReader.Read(session.Profile.TypingPhrase, events);
        if (read.Sample is null || session.Profile.Typing is null)
        {
            var code = read.Rejection?.Code ?? "typing_not_enrolled";
            var message = read.Rejection?.LearnerMessage ?? "No typing profile was enrolled; the face checks stand alone.";
            return new KeystrokeResult { SessionId = session.SessionId, Check = check, Usable = false, Code = code, Message = message, Verdict = session.LastVerdict.ToString() };
        }

        var score = verifier.Score(session.Profile.Typing, read.Sample);
        Matching.Fusion.SessionFlag? raised;
        Matching.Fusion.SessionVerdict verdict;
        lock (session.Gate)
        {
            raised = session.Evidence.ObserveTyping(check, score.LogLikelihoodRatio);
            verdict = session.Evidence.Verdict();
        }

        session.LastActivityAt = DateTimeOffset.UtcNow;
        await SessionNotifier.AnnounceAsync(hub, session, verdict, raised is null ? [] : [raised]);
        return new KeystrokeResult
        {
            SessionId = session.SessionId,
            Check = check,
            Usable = true,
            GenuineProbability = score.GenuineProbability,
            Accepted = score.Accepted,
            Verdict = verdict.Kind.ToString(),
        };
    }
}
