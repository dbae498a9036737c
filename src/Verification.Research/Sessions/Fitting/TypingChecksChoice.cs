using System.Globalization;

namespace Verification.Research.Sessions.Fitting;

/// <summary>
/// How many typing checks a session asks for, from the trade-off of checks against typing impostors caught: the fewest
/// that catch <see cref="FitTargets.TypingImpostorRate"/>; when no count up to <see cref="FitTargets.MaxTypingChecks"/>
/// does, the fewest that catch within <see cref="FitTargets.TypingChecksTolerance"/> of the most any count catches, so
/// a learner is not asked to type the pledge again for a gain the simulation cannot tell from its own noise.
/// </summary>
public static class TypingChecksChoice
{
    public static TypingChecksPoint Choose(IReadOnlyList<TypingChecksPoint> tradeOff, FitTargets targets)
    {
        ArgumentNullException.ThrowIfNull(tradeOff);
        ArgumentNullException.ThrowIfNull(targets);
        if (tradeOff.Count == 0)
        {
            throw new ArgumentException("The trade-off has no point.", nameof(tradeOff));
        }

        var reached = tradeOff.FirstOrDefault(p => p.Point.ImpostorCaught.Rate >= targets.TypingImpostorRate);
        if (reached is not null)
        {
            return reached;
        }

        var most = tradeOff.Max(p => p.Point.ImpostorCaught.Rate);
        return tradeOff.First(p => p.Point.ImpostorCaught.Rate >= most - targets.TypingChecksTolerance);
    }

    public static string Describe(int checks, EvidencePoint point, FitTargets targets)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(targets);
        return point.ImpostorCaught.Rate >= targets.TypingImpostorRate
            ? string.Create(CultureInfo.InvariantCulture, $"{checks} checks: the fewest (up to {targets.MaxTypingChecks}) that catch {100 * targets.TypingImpostorRate:0.#}% of typing impostors at this honest rate")
            : string.Create(CultureInfo.InvariantCulture, $"{checks} checks: no count up to {targets.MaxTypingChecks} catches {100 * targets.TypingImpostorRate:0.#}% of typing impostors at this honest rate; the fewest within {100 * targets.TypingChecksTolerance:0.#} points of the most caught");
    }
}
