namespace Verification.Matching.Keystroke;

/// <summary>
/// Equal-error and zero-miss false-alarm rates computed exactly as CMU's <c>evaluation-script.R</c> (with ROCR) and
/// <c>reference_eval.py</c> compute them. Scores are anomaly scores: higher means "impostor"; a score at or above
/// the cut-off raises an alarm. Miss = impostor not alarmed (a false accept); false alarm = genuine alarmed (a
/// false reject).
/// </summary>
internal static class ErrorRates
{
    public static double EqualErrorRate(ReadOnlySpan<double> genuine, ReadOnlySpan<double> impostor)
    {
        var (miss, fa) = RocPoints(genuine, impostor);
        int idx1 = -1, idx2 = -1;
        for (var k = 0; k < miss.Length; k++)
        {
            var d = miss[k] - fa[k];
            if (d >= 0 && (idx1 < 0 || d < miss[idx1] - fa[idx1]))
            {
                idx1 = k;
            }

            if (d < 0 && (idx2 < 0 || d > miss[idx2] - fa[idx2]))
            {
                idx2 = k;
            }
        }

        var (x0, x1) = (miss[idx1], fa[idx1]);
        var (y0, y1) = (miss[idx2], fa[idx2]);
        var a = (x0 - x1) / (y1 - x1 - y0 + x0);
        return x0 + (a * (y0 - x0));
    }

    public static double ZeroMissFalseAlarm(ReadOnlySpan<double> genuine, ReadOnlySpan<double> impostor)
    {
        var (miss, fa) = RocPoints(genuine, impostor);
        var best = 1.0;
        for (var k = 0; k < miss.Length; k++)
        {
            if (miss[k] == 0.0)
            {
                best = Math.Min(best, fa[k]);
            }
        }

        return best;
    }

    /// <summary>ROCR's points: cut-off +∞, then each distinct score from the highest down.</summary>
    public static (double[] Miss, double[] FalseAlarm) RocPoints(ReadOnlySpan<double> genuine, ReadOnlySpan<double> impostor)
    {
        var scored = new (double Score, bool Impostor)[genuine.Length + impostor.Length];
        for (var i = 0; i < genuine.Length; i++)
        {
            scored[i] = (genuine[i], false);
        }

        for (var i = 0; i < impostor.Length; i++)
        {
            scored[genuine.Length + i] = (impostor[i], true);
        }

        Array.Sort(scored, static (a, b) => b.Score.CompareTo(a.Score));
        var miss = new List<double>(scored.Length + 1) { 1.0 };
        var fa = new List<double>(scored.Length + 1) { 0.0 };
        int tp = 0, fp = 0;
        for (var i = 0; i < scored.Length;)
        {
            var cut = scored[i].Score;
            for (; i < scored.Length && scored[i].Score == cut; i++)
            {
                tp += scored[i].Impostor ? 1 : 0;
                fp += scored[i].Impostor ? 0 : 1;
            }

            miss.Add((double)(impostor.Length - tp) / impostor.Length);
            fa.Add((double)fp / genuine.Length);
        }

        return ([.. miss], [.. fa]);
    }

    /// <summary>Share of <paramref name="values"/> at or above <paramref name="threshold"/>.</summary>
    public static double ShareAtOrAbove(ReadOnlySpan<double> values, double threshold)
    {
        var count = 0;
        foreach (var v in values)
        {
            count += v >= threshold ? 1 : 0;
        }

        return values.Length == 0 ? 0 : (double)count / values.Length;
    }
}
