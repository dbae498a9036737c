using Verification.Proctoring.Consent;

namespace Verification.Proctoring.Sessions.Live;

/// <summary>
/// The consent rule for typing sent over the hub, the pledge checks and answer typing alike: without a live consent
/// nothing is measured or kept and the session's evidence records the withdrawal; a live consent must cover typing, and
/// answer typing needs a consent text that names it (version 2 on).
/// </summary>
internal sealed class TypingConsentGate(LiveConsent consent)
{
    public const string ConsentWithdrawn = "consent_withdrawn";
    public const string TypingNotConsented = "typing_not_consented";
    public const string AnswerTypingNotConsented = "answer_typing_not_consented";

    /// <summary>Whether a result's code is one of this gate's refusals (nothing of the typing was kept).</summary>
    public static bool Refused(string? code) => code is ConsentWithdrawn or TypingNotConsented or AnswerTypingNotConsented;

    /// <summary>Null when <paramref name="kind"/> (<see cref="LiveConsent.Typing"/> or <see cref="LiveConsent.AnswerTyping"/>) may be measured now.</summary>
    public async Task<(string Code, string Message)?> RefusalAsync(LiveSession session, string kind)
    {
        var covers = await consent.CoversAsync(session.LearnerId, CancellationToken.None);
        if (!covers.Contains(LiveConsent.Face))
        {
            lock (session.Gate)
            {
                session.Evidence.ObserveConsentWithdrawn(0);
            }

            return (ConsentWithdrawn, "You withdrew your consent, so your typing is not measured or kept.");
        }

        if (!covers.Contains(LiveConsent.Typing))
        {
            return (TypingNotConsented, "Your consent does not cover your typing, so it is not measured or kept.");
        }

        // Consent text version 1 named only the pledge typing: a learner who accepted only it keeps every other check,
        // and their answer typing is neither measured nor kept until they accept the text that names it.
        if (kind == LiveConsent.AnswerTyping && !covers.Contains(LiveConsent.AnswerTyping))
        {
            return (AnswerTypingNotConsented,
                "Your consent does not cover the typing of your answers, so it is not measured or kept. Your other checks go on as before.");
        }

        return null;
    }
}
