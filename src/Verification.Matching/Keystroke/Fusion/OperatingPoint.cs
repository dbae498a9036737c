namespace Verification.Matching.Keystroke;

/// <summary>Chooses and checks a threshold on log-likelihood ratios (accept when LLR ≥ threshold).</summary>
internal static class OperatingPoint
{
    /// <summary>The lowest threshold at which at most <paramref name="targetFar"/> of the impostor LLRs are accepted.</summary>
    public static double ThresholdFor(ReadOnlySpan<double> impostorLlrs, double targetFar)
    {
        var sorted = impostorLlrs.ToArray();
        Array.Sort(sorted);
        var allowed = (int)Math.Floor(targetFar * sorted.Length);
        if (allowed <= 0)
        {
            return Math.BitIncrement(sorted[^1]);
        }

        // Accepting the top `allowed` impostors: the threshold sits just above the next one down.
        return Math.BitIncrement(sorted[sorted.Length - allowed - 1]);
    }
}
