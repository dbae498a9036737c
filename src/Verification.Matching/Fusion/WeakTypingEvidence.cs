namespace Verification.Matching.Fusion;

/// <summary>
/// Typing evidence against the learner that stays above the flag level: no flag and no review by itself, kept with the
/// session's evidence so that a reviewer who opens the case for another reason sees it. Recorded when the summed
/// evidence is below zero (the typing as a whole looks more like someone else) or when most checks are individually
/// negative (strong checks carry the sum while most look like someone else). <see cref="Scores"/> are the checks'
/// ratios after the typing score model, in the order of <see cref="Checks"/>.
/// </summary>
public sealed record WeakTypingEvidence(string Rule, IReadOnlyList<int> Checks, IReadOnlyList<double> Scores, double Evidence, IReadOnlyList<int> NegativeChecks)
{
    /// <summary>The record for these checks, or null when they do not lean against the learner or already raised the flag.</summary>
    public static WeakTypingEvidence? Of(IReadOnlyList<int> checks, IReadOnlyList<double> scores, double evidence, double flagLevel)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(scores);
        if (checks.Count == 0 || evidence < flagLevel)
        {
            return null;
        }

        List<int> negative = [.. checks.Where((_, i) => scores[i] < 0)];
        if (evidence >= 0 && 2 * negative.Count <= checks.Count)
        {
            return null;
        }

        var rule = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"weak typing evidence, no flag: {negative.Count} of {checks.Count} checks against the learner, summed evidence {evidence:F1} (flag below {flagLevel})");
        return new WeakTypingEvidence(rule, [.. checks], [.. scores], evidence, negative);
    }
}
