using Verification.Matching.Keystroke.FreeText;

namespace Verification.Proctoring.Sessions.AnswerTyping;

/// <summary>
/// The typing of one session's text answers so far, as timing statistics (no key order, no text), with its latest
/// comparison with the learner's free-text profile. Call under the session's gate.
/// </summary>
internal sealed class SessionAnswerTyping
{
    private readonly HashSet<int> _batches = [];

    public FreeTextProfile Typing { get; } = new();

    public int Batches => _batches.Count;

    public FreeTextComparison? Comparison { get; private set; }

    public FreeTextEvidence? Evidence { get; private set; }

    public bool Has(int batch) => _batches.Contains(batch);

    /// <summary>Adds a batch once; false when a batch of that number was already counted.</summary>
    public bool Add(int batch, FreeTextProfile typing)
    {
        if (!_batches.Add(batch))
        {
            return false;
        }

        Typing.Merge(typing);
        return true;
    }

    /// <summary>Compares all the typing so far with the learner's profile (none: nothing to compare) and judges it by the model, if any.</summary>
    public FreeTextEvidence? Compare(FreeTextProfile? profile, FreeTextScoreModel? model)
    {
        Comparison = profile?.Compare(Typing);
        Evidence = Comparison is { } comparison ? model?.Evidence(comparison) : null;
        return Evidence;
    }

    /// <summary>What the verdict keeps for the reviewer; null when the session's answers had no typing.</summary>
    public SessionFreeText? Summary(bool modelConfigured) => Typing.Keystrokes == 0
        ? null
        : new SessionFreeText(
            Typing.Keystrokes,
            Comparison?.TimingsCompared ?? 0,
            Comparison is { IsComparable: true } c ? Math.Round(c.Distance, 3) : null,
            Evidence is not null,
            modelConfigured,
            Evidence is { } e ? Math.Round(e.LogLikelihoodRatio, 3) : null,
            Evidence?.Flags ?? false);
}
