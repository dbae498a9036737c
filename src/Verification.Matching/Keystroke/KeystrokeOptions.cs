namespace Verification.Matching.Keystroke;

/// <summary>
/// Configuration section <c>Matching:Keystroke</c>. The defaults are the shipped operating point, measured by
/// <c>verification train keystroke</c> (see models/keystroke/MODEL_CARD.md and docs/evaluation/keystroke.md): the
/// log-likelihood-ratio threshold at which 10% of practised impostors (other CMU subjects after 200 repetitions)
/// were accepted against a profile of 10 enrollment samples, in subject-disjoint cross-validation. 10% rather than
/// a stricter rate because a typing mismatch only raises a review flag and false rejects are the product's first
/// metric; the LLR, not this flag, is what the session's evidence fusion uses.
/// </summary>
public sealed class KeystrokeOptions
{
    public const string SectionName = "Matching:Keystroke";

    /// <summary>Where the committed fusion model lies, relative to the content root.</summary>
    public string ModelDirectory { get; set; } = "models/keystroke";

    /// <summary>The false-accept rate the threshold was chosen for (reported with every score).</summary>
    public double TargetFalseAcceptRate { get; set; } = 0.1;

    /// <summary>A sample is accepted when its log-likelihood ratio is at least this.</summary>
    public double AcceptThreshold { get; set; } = 1.015565;
}
