using Verification.Research.Evaluation;

namespace Verification.Research.Keystroke;

/// <summary>Per-subject EER and zero-miss false-alarm rate, summarised as the paper's Table 2 does (mean, sd with n − 1).</summary>
internal sealed class SubjectRates
{
    private readonly List<double> _eer = [];
    private readonly List<double> _zeroMiss = [];

    public IReadOnlyList<double> EqualErrorRates => _eer;

    public IReadOnlyList<double> ZeroMissFalseAlarmRates => _zeroMiss;

    /// <summary>Adds one subject's similarity scores (higher means more alike).</summary>
    public void Add(IReadOnlyCollection<double> genuine, IReadOnlyCollection<double> impostor)
    {
        var rates = new ErrorRates(genuine, impostor);
        _eer.Add(rates.InterpolatedEqualErrorRate());
        _zeroMiss.Add(rates.FnmrAtZeroFmr());
    }

    public (double Mean, double Sd) Eer => MeanSd(_eer);

    public (double Mean, double Sd) ZeroMiss => MeanSd(_zeroMiss);

    public static (double Mean, double Sd) MeanSd(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Count;
        var ss = 0.0;
        foreach (var v in values)
        {
            ss += (v - mean) * (v - mean);
        }

        return (mean, values.Count > 1 ? Math.Sqrt(ss / (values.Count - 1)) : 0);
    }
}
