using Microsoft.AspNetCore.SignalR;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke.FreeText;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Consent;
using Verification.Proctoring.Sessions.Hub;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Sessions.Store;

namespace Verification.Proctoring.Sessions.AnswerTyping;

/// <summary>
/// Takes the typing of a session's text answers: each batch is recorded before it counts (a batch refused for the
/// database is counted by nobody and may be sent again; one sent again after it was recorded counts once), then all the
/// session's answer typing is compared with the learner's free-text profile. With an operator-fitted score model the
/// comparison becomes free-text evidence in the fusion and may flag; without one it is kept for the reviewer only.
/// </summary>
internal sealed class AnswerTypingChecks(
    AnswerTypingStore store, TypingConsentGate consent, FreeTextScoring scoring, IHubContext<ProctoringHub, IProctoringClient> hub, TimeProvider time)
{
    public const string SessionEnded = "session_ended";

    public async Task<AnswerTypingResult> RecordAsync(LiveSession session, AnswerTypingBatch? batch)
    {
        var keys = AnswerTypingBatchReader.Read(batch);
        var number = batch!.Batch;
        if (await consent.RefusalAsync(session, LiveConsent.AnswerTyping) is { } refusal)
        {
            return Result(session, number, recorded: false, refusal.Code, refusal.Message);
        }

        lock (session.Gate)
        {
            if (session.AnswerTyping.Has(number))
            {
                return Result(session, number, recorded: true);
            }
        }

        var typing = FreeTextProfile.Of(keys);
        await store.RecordAsync(session.SessionId, session.LearnerId, number, typing);
        SessionFlag? raised = null;
        SessionVerdict verdict;
        lock (session.Gate)
        {
            if (session.Ending)
            {
                // Recorded, but the verdict was already reached without it; the export still lists it.
                return Result(session, number, recorded: true, SessionEnded, "This session has ended.");
            }

            if (session.AnswerTyping.Add(number, typing) && session.AnswerTyping.Compare(session.Profile.FreeText, scoring.Model) is { } evidence)
            {
                raised = session.Evidence.ObserveFreeText(evidence);
            }

            verdict = session.Evidence.Verdict();
        }

        session.LastActivityAt = time.GetUtcNow();
        await SessionNotifier.AnnounceAsync(hub, session, verdict, raised is null ? [] : [raised]);
        return Result(session, number, recorded: true);
    }

    /// <summary>Replays the recorded batches of a session taken over from another node; call under the session's gate.</summary>
    public void Replay(LiveSession session, IReadOnlyList<(int Batch, FreeTextProfile Typing)> batches)
    {
        foreach (var (number, typing) in batches)
        {
            session.AnswerTyping.Add(number, typing);
        }

        if (batches.Count > 0 && session.AnswerTyping.Compare(session.Profile.FreeText, scoring.Model) is { } evidence)
        {
            session.Evidence.ObserveFreeText(evidence);
        }
    }

    private static AnswerTypingResult Result(LiveSession session, int batch, bool recorded, string? code = null, string? message = null)
    {
        int keyPresses;
        lock (session.Gate)
        {
            keyPresses = session.AnswerTyping.Typing.Keystrokes;
        }

        return new AnswerTypingResult
        {
            SessionId = session.SessionId, Batch = batch, Recorded = recorded, KeyPresses = keyPresses, Code = code, Message = message, Verdict = session.LastVerdict.ToString(),
        };
    }
}
