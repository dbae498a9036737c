namespace Verification.Matching.Keystroke;

/// <summary>
/// The baseline that sees no enrollment: only how the sample itself was typed (speed, hold lengths, rollover).
/// Trained like the fusion model, it measures how much of a figure comes from telling practised from novice
/// typing rather than from knowing the learner.
/// </summary>
internal static class NoProfileFeatures
{
    public const int Count = 7;

    public static void Compute(ReadOnlySpan<double> x, Span<float> destination)
    {
        double hold = 0, hold2 = 0, dd = 0, dd2 = 0, ud = 0, negative = 0;
        int holds = 0, dds = 0, uds = 0;
        for (var j = 0; j < x.Length; j++)
        {
            var v = x[j];
            if (KeystrokeFeatures.IsHold(j))
            {
                hold += v;
                hold2 += v * v;
                holds++;
            }
            else if (KeystrokeFeatures.IsDownDown(j))
            {
                dd += v;
                dd2 += v * v;
                dds++;
            }
            else
            {
                ud += v;
                negative += v < 0 ? 1 : 0;
                uds++;
            }
        }

        var meanHold = hold / holds;
        var meanDd = dds == 0 ? 0 : dd / dds;
        destination[0] = (float)meanHold;
        destination[1] = (float)Math.Sqrt(Math.Max((hold2 / holds) - (meanHold * meanHold), 0));
        destination[2] = (float)meanDd;
        destination[3] = dds == 0 ? 0f : (float)Math.Sqrt(Math.Max((dd2 / dds) - (meanDd * meanDd), 0));
        destination[4] = uds == 0 ? 0f : (float)(ud / uds);
        destination[5] = uds == 0 ? 0f : (float)(negative / uds);
        destination[6] = (float)Math.Log(1e-3 + Math.Max(dd, 0));
    }
}
