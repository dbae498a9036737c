using Verification.Matching.Face;

namespace Verification.Research.Sessions.SeveralFaces;

/// <summary>One candidate rule and what it does: background photos that fire (honest frames flagged) and composites caught.</summary>
public sealed record SecondFaceRule(float MinRelativeWidth, float MinScore, WilsonInterval BackgroundFiring, WilsonInterval CompositesCaught)
{
    public static SecondFaceRule Measure(float minRelativeWidth, float minScore, QualityGateSettings session, IReadOnlyList<SecondFaceSample> background, IReadOnlyList<SecondFaceSample> composites)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(composites);
        var gates = Gates(session, minRelativeWidth, minScore);
        return new SecondFaceRule(
            minRelativeWidth,
            minScore,
            WilsonInterval.Of(background.Count(b => b.Faces?.Fires(gates) == true), background.Count),
            WilsonInterval.Of(composites.Count(c => c.Faces?.Fires(gates) == true), composites.Count));
    }

    /// <summary>The session gates with these second-face limits (everything else as configured).</summary>
    public static QualityGateSettings Gates(QualityGateSettings session, float minRelativeWidth, float minScore)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new QualityGateSettings
        {
            RejectSeveralFaces = session.RejectSeveralFaces,
            MinFaceSide = session.MinFaceSide,
            SecondFaceMinRelativeWidth = minRelativeWidth,
            SecondFaceMinScore = minScore,
        };
    }

    /// <summary>
    /// Every rule on a grid of relative widths (0 to 1 by 0.05) and detector scores (the detector's own 0.65 to 0.95 by
    /// 0.05), and the chosen one: the fewest background photos firing among the rules that still catch at least
    /// <paramref name="keep"/> of the composites the rule without second-face limits catches; ties go to the lower limits.
    /// </summary>
    public static (IReadOnlyList<SecondFaceRule> Grid, SecondFaceRule Without, SecondFaceRule Chosen) Choose(
        QualityGateSettings session, IReadOnlyList<SecondFaceSample> background, IReadOnlyList<SecondFaceSample> composites, double keep)
    {
        var grid = new List<SecondFaceRule>();
        for (var w = 0; w <= 20; w++)
        {
            for (var s = 0; s <= 6; s++)
            {
                grid.Add(Measure(w * 0.05f, 0.65f + (s * 0.05f), session, background, composites));
            }
        }

        var without = Measure(0, 0, session, background, composites);
        var needed = keep * without.CompositesCaught.Count;
        var chosen = grid.Where(r => r.CompositesCaught.Count >= needed)
            .OrderBy(r => r.BackgroundFiring.Count).ThenBy(r => r.MinRelativeWidth).ThenBy(r => r.MinScore).First();
        return (grid, without, chosen);
    }
}
