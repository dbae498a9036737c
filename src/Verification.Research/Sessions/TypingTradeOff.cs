using Verification.Matching.Fusion;

namespace Verification.Research.Sessions;

/// <summary>One point of the typing trade-off: after <paramref name="Checks"/> checks, a flag level of <paramref name="Level"/> nats.</summary>
public sealed record TypingTradeOffPoint(int Checks, double Level, WilsonInterval OwnTypingFlagged, WilsonInterval ImpostorsCaught);

/// <summary>
/// The typing trade-off measured on the replayed sessions: for every number of checks up to the session's and every flag
/// level, the sessions typed by the learner (honest, degraded, face impostor) that typing alone would flag, against the
/// typing impostor sessions it catches. The typing evidence is summed as <see cref="SessionEvidence"/> sums it, and the
/// flag fires at the first check where the sum falls below the level, so the rate is over the running sum.
/// </summary>
public static class TypingTradeOff
{
    public static IReadOnlyList<TypingTradeOffPoint> Measure(IReadOnlyList<SessionOutcome> outcomes, FusionOptions fusion, int checks)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(fusion);
        var own = outcomes.Where(o => o.Kind is SessionKind.Honest or SessionKind.HonestDegraded or SessionKind.FaceImpostor).ToList();
        var impostors = outcomes.Where(o => o.Kind == SessionKind.TypingImpostor).ToList();
        var points = new List<TypingTradeOffPoint>();
        for (var n = 1; n <= checks; n++)
        {
            for (var level = -2.0; level >= -12.0; level -= 0.5)
            {
                points.Add(new TypingTradeOffPoint(
                    n,
                    level,
                    WilsonInterval.Of(own.Count(o => LowestSum(o, fusion, n) < level), own.Count),
                    WilsonInterval.Of(impostors.Count(o => LowestSum(o, fusion, n) < level), impostors.Count)));
            }
        }

        return points;
    }

    private static double LowestSum(SessionOutcome outcome, FusionOptions fusion, int checks)
    {
        fusion = fusion.ForTypingProfile(outcome.RefinedTyping);
        var sum = 0.0;
        var lowest = double.PositiveInfinity;
        foreach (var llr in outcome.TypingLlrs.Take(checks))
        {
            sum += TypingScoreModel.LogLikelihoodRatio(llr, fusion);
            lowest = Math.Min(lowest, sum);
        }

        return lowest;
    }
}
