using Verification.Matching.Fusion;

namespace Verification.Research.Sessions;

/// <summary>
/// One kind of session over all users, every rate with its 95% Wilson interval: sessions ending NeedsReview, each
/// flag's share of sessions, the sessions whose verdict recorded weak typing evidence (no flag), and for impostors how
/// soon they were caught.
/// </summary>
public sealed record SessionKindSummary(
    SessionKind Kind,
    int Sessions,
    WilsonInterval NeedsReview,
    IReadOnlyDictionary<string, WilsonInterval> Flags,
    WilsonInterval WeakTypingEvidence,
    IReadOnlyDictionary<string, WilsonInterval> FlaggedWithinImpostorFrames,
    IReadOnlyDictionary<string, WilsonInterval> TypingMismatchWithinChecks,
    ScoreSpread OwnFaceScores,
    ScoreSpread OtherFaceScores,
    ScoreSpread TypingLogLikelihoodRatios)
{
    public static SessionKindSummary Of(SessionKind kind, IReadOnlyList<SessionOutcome> outcomes, SessionSetup setup)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(setup);
        var n = outcomes.Count;
        var flags = new SortedDictionary<string, WilsonInterval>(StringComparer.Ordinal);
        foreach (var flag in Enum.GetValues<SessionFlagKind>())
        {
            var count = outcomes.Count(o => o.Flags.Contains(flag));
            if (count > 0)
            {
                flags[flag.ToString()] = WilsonInterval.Of(count, n);
            }
        }

        var within = new SortedDictionary<string, WilsonInterval>(StringComparer.Ordinal);
        if (kind is SessionKind.FaceImpostor or SessionKind.CombinedImpostor)
        {
            for (var k = 1; k <= setup.Frames - setup.SwapAfter; k++)
            {
                within[k.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)] = WilsonInterval.Of(outcomes.Count(o => o.FirstFlagAfterSwap <= k), n);
            }
        }

        var typing = new SortedDictionary<string, WilsonInterval>(StringComparer.Ordinal);
        if (kind is SessionKind.TypingImpostor or SessionKind.CombinedImpostor)
        {
            for (var c = 1; c <= setup.TypingChecks; c++)
            {
                typing[c.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)] = WilsonInterval.Of(outcomes.Count(o => o.TypingMismatchAtCheck <= c), n);
            }
        }

        return new SessionKindSummary(
            kind,
            n,
            WilsonInterval.Of(outcomes.Count(o => o.Verdict == SessionVerdictKind.NeedsReview), n),
            flags,
            WilsonInterval.Of(outcomes.Count(o => o.WeakTyping), n),
            within,
            typing,
            ScoreSpread.Of([.. outcomes.SelectMany(o => o.OwnFaceScores)]),
            ScoreSpread.Of([.. outcomes.SelectMany(o => o.OtherFaceScores)]),
            ScoreSpread.Of([.. outcomes.SelectMany(o => o.TypingLlrs)]));
    }
}
