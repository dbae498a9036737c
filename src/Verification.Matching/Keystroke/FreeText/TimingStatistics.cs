namespace Verification.Matching.Keystroke.FreeText;

/// <summary>Count, mean and sum of squared deviations of one timing (Welford), so a profile can grow one timing at a time or merge another.</summary>
public sealed record TimingStatistics(int Feature, int Count, double Mean, double SquaredDeviations)
{
    public double Sd => Count > 1 ? Math.Sqrt(SquaredDeviations / (Count - 1)) : 0;

    public TimingStatistics Add(double value)
    {
        var count = Count + 1;
        var delta = value - Mean;
        var mean = Mean + (delta / count);
        return this with { Count = count, Mean = mean, SquaredDeviations = SquaredDeviations + (delta * (value - mean)) };
    }

    public TimingStatistics Merge(TimingStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var count = Count + other.Count;
        if (count == 0)
        {
            return this;
        }

        var delta = other.Mean - Mean;
        var mean = Mean + (delta * other.Count / count);
        var squared = SquaredDeviations + other.SquaredDeviations + (delta * delta * Count * other.Count / count);
        return this with { Count = count, Mean = mean, SquaredDeviations = squared };
    }
}
