namespace Verification.Research.Evaluation;

/// <summary>
/// The one error-rate implementation: genuine and impostor scores where higher means "more alike" and a score at or
/// above the threshold is accepted. Works for any matcher (face, keystroke, free text) and for presentation-attack
/// scores; a scorer whose scores grow with difference (a distance, an anomaly score) is negated by its caller.
/// </summary>
internal sealed class ErrorRates
{
    private readonly double[] _genuine;
    private readonly double[] _impostor;

    public ErrorRates(IReadOnlyCollection<double> genuine, IReadOnlyCollection<double> impostor)
    {
        if (genuine.Count == 0 || impostor.Count == 0)
        {
            throw new ArgumentException("Both genuine and impostor scores are needed.");
        }

        _genuine = [.. genuine];
        _impostor = [.. impostor];
        Array.Sort(_genuine);
        Array.Sort(_impostor);
    }

    public IReadOnlyList<double> Genuine => _genuine;

    public IReadOnlyList<double> Impostor => _impostor;

    /// <summary>FMR at <paramref name="threshold"/>: impostor scores at or above it.</summary>
    public double Fmr(double threshold) => (double)CountAtOrAbove(_impostor, threshold) / _impostor.Length;

    /// <summary>FNMR at <paramref name="threshold"/>: genuine scores below it.</summary>
    public double Fnmr(double threshold) => (double)(_genuine.Length - CountAtOrAbove(_genuine, threshold)) / _genuine.Length;

    /// <summary>The lowest threshold whose FMR is at most <paramref name="targetFmr"/>, and the FNMR there.</summary>
    public OperatingPoint AtFmr(double targetFmr) => At(ThresholdAtFmr(_impostor, targetFmr), targetFmr);

    /// <summary>The lowest threshold accepting at most <paramref name="targetFmr"/> of <paramref name="impostor"/>.</summary>
    public static double ThresholdAtFmr(IReadOnlyCollection<double> impostor, double targetFmr)
    {
        double[] sorted = [.. impostor];
        Array.Sort(sorted);
        return ThresholdAtFmr(sorted, targetFmr);
    }

    private static double ThresholdAtFmr(double[] sortedImpostor, double targetFmr)
    {
        // Allowed false accepts k = floor(target · N); the threshold sits just above the (k+1)-th highest impostor.
        var allowed = (int)Math.Floor((targetFmr * sortedImpostor.Length) + 1e-9);
        return allowed >= sortedImpostor.Length
            ? sortedImpostor[0]
            : Math.BitIncrement(sortedImpostor[sortedImpostor.Length - 1 - allowed]);
    }

    /// <summary>
    /// The lowest FNMR among thresholds that accept no impostor: CMU's "zero-miss false-alarm rate" (a miss there is
    /// an impostor accepted, a false alarm a genuine typing rejected).
    /// </summary>
    public double FnmrAtZeroFmr() => Fnmr(Math.BitIncrement(_impostor[^1]));

    /// <summary>
    /// Equal error rate exactly as CMU's <c>evaluation-script.R</c> (ROCR) and <c>reference_eval.py</c> compute it:
    /// over the ROC points from "accept all" to "accept none", the closest points on either side of FMR = FNMR,
    /// linearly interpolated. The keystroke benchmark's published numbers use this convention.
    /// </summary>
    public double InterpolatedEqualErrorRate()
    {
        var candidates = Candidates();
        var fmr = new double[candidates.Count];
        var fnmr = new double[candidates.Count];
        for (var k = 0; k < candidates.Count; k++)
        {
            fmr[k] = Fmr(candidates[k]);
            fnmr[k] = Fnmr(candidates[k]);
        }

        int above = -1, below = -1;
        for (var k = 0; k < fmr.Length; k++)
        {
            var d = fmr[k] - fnmr[k];
            if (d >= 0 && (above < 0 || d < fmr[above] - fnmr[above]))
            {
                above = k;
            }

            if (d < 0 && (below < 0 || d > fmr[below] - fnmr[below]))
            {
                below = k;
            }
        }

        var (x0, x1) = (fmr[above], fnmr[above]);
        var (y0, y1) = (fmr[below], fnmr[below]);
        var a = (x0 - x1) / (y1 - x1 - y0 + x0);
        return x0 + (a * (y0 - x0));
    }

    public OperatingPoint At(double threshold, double targetFmr = double.NaN)
    {
        var falseAccepts = CountAtOrAbove(_impostor, threshold);
        var falseRejects = _genuine.Length - CountAtOrAbove(_genuine, threshold);
        return new OperatingPoint(
            targetFmr,
            threshold,
            (double)falseAccepts / _impostor.Length,
            (double)falseRejects / _genuine.Length,
            falseAccepts,
            falseRejects,
            _impostor.Length,
            _genuine.Length);
    }

    /// <summary>Equal error rate: the mean of FMR and FNMR at the candidate threshold where they are closest.</summary>
    public (double Eer, double Threshold) EqualErrorRate()
    {
        var bestGap = double.MaxValue;
        var eer = 1.0;
        var bestThreshold = 0.0;
        foreach (var threshold in Candidates())
        {
            var fmr = Fmr(threshold);
            var fnmr = Fnmr(threshold);
            var gap = Math.Abs(fmr - fnmr);
            if (gap < bestGap)
            {
                bestGap = gap;
                eer = (fmr + fnmr) / 2;
                bestThreshold = threshold;
            }
        }

        return (eer, bestThreshold);
    }

    /// <summary>(FMR, FNMR) at every distinct score, from the strictest threshold to the most lenient.</summary>
    public IReadOnlyList<(double Fmr, double Fnmr, double Threshold)> Curve()
    {
        var points = new List<(double, double, double)>();
        var candidates = Candidates();
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            points.Add((Fmr(candidates[i]), Fnmr(candidates[i]), candidates[i]));
        }

        return points;
    }

    private List<double> Candidates()
    {
        var all = new List<double>(_genuine.Length + _impostor.Length + 1);
        all.AddRange(_genuine);
        all.AddRange(_impostor);
        all.Add(Math.BitIncrement(Math.Max(_genuine[^1], _impostor[^1])));
        all.Sort();
        var distinct = new List<double>(all.Count);
        foreach (var value in all)
        {
            if (distinct.Count == 0 || value != distinct[^1])
            {
                distinct.Add(value);
            }
        }

        return distinct;
    }

    private static int CountAtOrAbove(double[] sorted, double threshold)
    {
        var index = Array.BinarySearch(sorted, threshold);
        if (index < 0)
        {
            return sorted.Length - ~index;
        }

        // Step back over equal values so every score equal to the threshold counts as accepted.
        while (index > 0 && sorted[index - 1] == threshold)
        {
            index--;
        }

        return sorted.Length - index;
    }
}
