namespace Verification.Research.Sessions;

/// <summary>Mean, standard deviation (n − 1), minimum and maximum of the scores a set of sessions produced.</summary>
public sealed record ScoreSpread(int Count, double Mean, double Sd, double Min, double Max)
{
    public static ScoreSpread Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new ScoreSpread(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new ScoreSpread(values.Count, Math.Round(mean, 4), Math.Round(sd, 4), Math.Round(values.Min(), 4), Math.Round(values.Max(), 4));
    }
}
