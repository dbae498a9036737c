using Verification.Matching.Fusion;

namespace Verification.Research.Sessions.Fitting;

/// <summary>One candidate typing refinement level: the honest and the impostor sessions whose typing would refine the profile at it.</summary>
public sealed record RefinementPoint(double Level, WilsonInterval HonestRefine, WilsonInterval ImpostorRefine);

/// <summary>
/// Chooses the summed typing evidence a verified session needs before its typing refines the profile
/// (<see cref="FusionOptions.TypingRefinementEvidence"/>): the lowest level, from 0 (evidence for the learner at all)
/// in half-nat steps, at which at most the target share of impostor sessions would refine it.
/// </summary>
public static class RefinementLevel
{
    public static IReadOnlyList<double> Grid { get; } = [.. Enumerable.Range(0, 81).Select(i => 0.5 * i)];

    public static IReadOnlyList<RefinementPoint> Curve(IReadOnlyList<SimulatedTypingSession> honest, IReadOnlyList<SimulatedTypingSession> impostor)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(impostor);
        return [.. Grid.Select(level => new RefinementPoint(level, Share(honest, level), Share(impostor, level)))];
    }

    /// <summary>The lowest level within the impostor target; the highest level of the grid when none is.</summary>
    public static RefinementPoint Choose(IReadOnlyList<RefinementPoint> curve, double impostorTarget)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve.FirstOrDefault(p => p.ImpostorRefine.Rate <= impostorTarget) ?? curve[^1];
    }

    private static WilsonInterval Share(IReadOnlyList<SimulatedTypingSession> sessions, double level) =>
        WilsonInterval.Of(sessions.Count(s => s.RefinableEvidence >= level), sessions.Count);
}
