namespace Verification.Research.Sessions.Fitting;

/// <summary>One candidate evidence level: honest sessions it would flag, impostor sessions it would catch (and within 3 impostor frames).</summary>
public sealed record EvidencePoint(double Threshold, WilsonInterval HonestFlagged, WilsonInterval ImpostorCaught, WilsonInterval? ImpostorCaughtWithin3);

/// <summary>
/// A flag fires when a session's running evidence falls below the threshold at any point, so a session is flagged at
/// threshold t exactly when its lowest evidence is below t: one simulation of the lowest evidence serves every t.
/// </summary>
public static class EvidenceThreshold
{
    /// <summary>Half-nat steps: finer than the sampling error of the rates it is chosen on.</summary>
    public static IReadOnlyList<double> Grid { get; } = [.. Enumerable.Range(1, 80).Select(i => -0.5 * i)];

    public static IReadOnlyList<EvidencePoint> Curve(IReadOnlyList<double> honestMinima, IReadOnlyList<double> impostorMinima, IReadOnlyList<double>? impostorMinimaWithin3 = null)
    {
        ArgumentNullException.ThrowIfNull(honestMinima);
        ArgumentNullException.ThrowIfNull(impostorMinima);
        return [.. Grid.Select(t => new EvidencePoint(
            t,
            WilsonInterval.Of(honestMinima.Count(m => m < t), honestMinima.Count),
            WilsonInterval.Of(impostorMinima.Count(m => m < t), impostorMinima.Count),
            impostorMinimaWithin3 is null ? null : WilsonInterval.Of(impostorMinimaWithin3.Count(m => m < t), impostorMinimaWithin3.Count)))];
    }

    /// <summary>The most sensitive level whose honest rate is within the target; the least sensitive level of the grid when none is.</summary>
    public static EvidencePoint Choose(IReadOnlyList<EvidencePoint> curve, double honestTarget)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve.FirstOrDefault(p => p.HonestFlagged.Rate <= honestTarget) ?? curve[^1];
    }
}
