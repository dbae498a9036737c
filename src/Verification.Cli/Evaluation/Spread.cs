namespace Verification.Cli.Evaluation;

/// <summary>Mean, sample standard deviation, minimum and maximum of a few per-fold figures.</summary>
internal sealed record Spread(double Mean, double Sd, double Min, double Max)
{
    public static Spread Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new Spread(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0, min = double.MaxValue, max = double.MinValue;
        foreach (var v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var mean = sum / values.Count;
        double squares = 0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        var sd = values.Count > 1 ? Math.Sqrt(squares / (values.Count - 1)) : 0;
        return new Spread(mean, sd, min, max);
    }
}
