using System.Globalization;

namespace Verification.Matching.Fusion;

/// <summary>
/// Which acknowledged frames were analysed, and when they arrived; the rest of <see cref="EvidenceCoverageOptions"/>'s
/// rule is checked against it when the session ends. Frames the player was told were not used (unreadable, shed, refused
/// for consent) are accounted for; a frame neither analysed nor accounted for was acknowledged and never seen.
/// </summary>
internal sealed class CoverageLedger
{
    private readonly HashSet<int> _seen = [];
    private readonly List<int> _analysed = [];
    private readonly Dictionary<int, DateTimeOffset> _times = [];

    public int AnalysedCount => _analysed.Count;

    public void Analysed(int frame, DateTimeOffset? at)
    {
        if (!_seen.Add(frame))
        {
            return;
        }

        _analysed.Add(frame);
        if (at is { } time)
        {
            _times[frame] = time;
        }
    }

    public void Accounted(int frame) => _seen.Add(frame);

    public void Forget(int frame)
    {
        _seen.Remove(frame);
        _analysed.Remove(frame);
        _times.Remove(frame);
    }

    /// <summary>The flag naming what the evidence fails to cover, or null when it covers the session.</summary>
    public SessionFlag? Gaps(EvidenceCoverage coverage, EvidenceCoverageOptions options, int usableTypingChecks)
    {
        var gaps = new List<string>();
        if (_analysed.Count < options.MinimumAnalysedFrames)
        {
            gaps.Add($"{_analysed.Count} analysed frames, {options.MinimumAnalysedFrames} needed");
        }

        var unanalysed = new List<int>();
        for (var frame = 1; frame <= coverage.FramesAcknowledged; frame++)
        {
            if (!_seen.Contains(frame))
            {
                unanalysed.Add(frame);
            }
        }

        if (unanalysed.Count > 0)
        {
            gaps.Add($"{unanalysed.Count} acknowledged frames never analysed");
        }

        var uncovered = LongestUncovered(coverage);
        if (uncovered.TotalSeconds > options.MaximumUncoveredSeconds)
        {
            gaps.Add(string.Create(CultureInfo.InvariantCulture, $"{uncovered.TotalSeconds:F0} s without an analysed frame, {options.MaximumUncoveredSeconds} s allowed"));
        }

        if (coverage.TypingAsked && options.TypingCheckRequired && usableTypingChecks == 0)
        {
            gaps.Add("no usable typing check, and the assessment asks for one");
        }

        if (gaps.Count == 0)
        {
            return null;
        }

        IReadOnlyList<int> frames = unanalysed.Count > 0 ? unanalysed : [.. _analysed];
        return new SessionFlag(SessionFlagKind.InsufficientEvidence, string.Join("; ", gaps), frames, [_analysed.Count, Math.Round(uncovered.TotalSeconds, 1)], gaps.Count);
    }

    private TimeSpan LongestUncovered(EvidenceCoverage coverage)
    {
        var times = _times.Values.Order().ToList();
        var previous = coverage.StartedAt;
        var longest = TimeSpan.Zero;
        foreach (var time in times)
        {
            longest = Max(longest, time - previous);
            previous = time;
        }

        return Max(longest, coverage.EndedAt - previous);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
