using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>
/// A free-text profile for text that differs between enrollment and test: the mean hold time of each character
/// and the mean down-down time of each digraph (character pair, ignoring case) over the enrollment samples. A test
/// sample is scored on the holds and digraphs it shares with the profile: the mean absolute difference, each
/// divided by the learner's own spread for that kind of timing (a scaled Manhattan over shared n-graphs).
/// </summary>
internal sealed class DigraphProfile
{
    private const double MinimumSpreadSeconds = 1e-3;

    private readonly Dictionary<string, (double Sum, int Count)> _timings = new(StringComparer.Ordinal);
    private double _holdSpread;
    private double _digraphSpread;

    public static DigraphProfile Build(IEnumerable<KeystrokeSample> samples)
    {
        var profile = new DigraphProfile();
        var all = new List<(string Name, double Value)>();
        foreach (var sample in samples)
        {
            foreach (var timing in Timings(sample))
            {
                all.Add(timing);
                var (sum, count) = profile._timings.GetValueOrDefault(timing.Name);
                profile._timings[timing.Name] = (sum + timing.Value, count + 1);
            }
        }

        profile._holdSpread = Spread(profile, all, hold: true);
        profile._digraphSpread = Spread(profile, all, hold: false);
        return profile;
    }

    /// <summary>Higher is more anomalous; NaN when the sample shares no timing with the profile.</summary>
    public double Score(KeystrokeSample sample)
    {
        double sum = 0;
        var count = 0;
        foreach (var (name, value) in Timings(sample))
        {
            if (_timings.TryGetValue(name, out var t))
            {
                sum += Math.Abs(value - (t.Sum / t.Count)) / (IsHold(name) ? _holdSpread : _digraphSpread);
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private static double Spread(DigraphProfile profile, List<(string Name, double Value)> all, bool hold)
    {
        double sum = 0;
        var count = 0;
        foreach (var (name, value) in all)
        {
            if (IsHold(name) == hold)
            {
                var t = profile._timings[name];
                sum += Math.Abs(value - (t.Sum / t.Count));
                count++;
            }
        }

        return Math.Max(count == 0 ? 0 : sum / count, MinimumSpreadSeconds);
    }

    private static bool IsHold(string name) => name[0] == 'h';

    private static IEnumerable<(string Name, double Value)> Timings(KeystrokeSample sample)
    {
        var text = sample.Text.ToLowerInvariant();
        for (var key = 0; key < sample.KeyCount && key < text.Length; key++)
        {
            yield return ("h" + text[key], sample.HoldTime(key));
            if (key + 1 < sample.KeyCount && key + 1 < text.Length)
            {
                yield return ("d" + text[key] + text[key + 1], sample.DownDownTime(key));
            }
        }
    }
}
