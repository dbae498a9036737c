using Verification.Matching.Fusion;

namespace Verification.Research.Sessions.Fitting;

/// <summary>One candidate typing refinement level: the honest and the impostor sessions whose typing would refine the profile at it.</summary>
public sealed record RefinementPoint(double Level, WilsonInterval HonestRefine, WilsonInterval ImpostorRefine);

/// <summary>
/// Chooses the summed typing evidence a verified session needs before its typing refines the profile
/// (<see cref="FusionOptions.TypingRefinementEvidence"/>): the highest level, from 0 (evidence for the learner at all)
/// in half-nat steps, at which at least the target share of honest sessions still refine it. Refinement is what keeps a
/// learner whose typing drifts from being flagged in later sessions, so the level is set from the learner's side; the
/// share of impostor sessions that would refine at it is measured and stated, not chosen (one impostor typing every
/// check of a session is as consistent as the learner, and keeping most of them out costs a quarter of the learners'
/// refinements: docs/evaluation/sessions.md).
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

    /// <summary>The highest level at which the honest target still refines; the lowest level of the grid when none does.</summary>
    public static RefinementPoint Choose(IReadOnlyList<RefinementPoint> curve, double honestTarget)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve.LastOrDefault(p => p.HonestRefine.Rate >= honestTarget) ?? curve[0];
    }

    private static WilsonInterval Share(IReadOnlyList<SimulatedTypingSession> sessions, double level) =>
        WilsonInterval.Of(sessions.Count(s => s.RefinableEvidence >= level), sessions.Count);
}
