namespace Verification.Matching.Fusion;

/// <summary>A normal distribution of one score (a face cosine score or a typing log-likelihood ratio) fitted to a population.</summary>
public sealed record NormalScoreModel(double Mean, double Sd)
{
    public static NormalScoreModel Fit(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            throw new ArgumentException("At least two values are needed to fit a normal model.", nameof(values));
        }

        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new NormalScoreModel(Math.Round(mean, 4), Math.Round(sd, 4));
    }
}
