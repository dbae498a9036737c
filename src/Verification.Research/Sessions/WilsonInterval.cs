namespace Verification.Research.Sessions;

/// <summary>A proportion with its 95% Wilson score interval, which stays inside [0, 1] and is honest at 0 of n.</summary>
public sealed record WilsonInterval(int Count, int Total, double Rate, double Low, double High)
{
    private const double Z = 1.959964;

    public static WilsonInterval Of(int count, int total)
    {
        if (total == 0)
        {
            return new WilsonInterval(0, 0, double.NaN, 0, 1);
        }

        var p = (double)count / total;
        var z2 = Z * Z;
        var centre = (p + (z2 / (2 * total))) / (1 + (z2 / total));
        var half = Z * Math.Sqrt((p * (1 - p) / total) + (z2 / (4.0 * total * total))) / (1 + (z2 / total));
        return new WilsonInterval(count, total, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
