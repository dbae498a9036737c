namespace Verification.Matching.Keystroke.FreeText;

/// <summary>
/// A free-text typing profile: statistics with counts of each class hold and class-digraph timing (see
/// <see cref="FreeTextTimings"/>), built from any typing and refined by adding more or merging another profile. No text
/// and no key order is kept, only these sums. Typing is compared by the scaled difference of its mean timings from the
/// profile's, weighted by how often each timing occurred in the typing (a scaled Manhattan distance over class
/// n-graphs, the free-text counterpart of the fixed-phrase detectors). Not thread-safe.
/// </summary>
public sealed class FreeTextProfile
{
    /// <summary>A profile timing seen fewer times has no usable spread and is not compared.</summary>
    public const int MinimumProfileCount = 3;

    /// <summary>The smallest spread a timing is divided by: below the browser's timer resolution.</summary>
    public const double SpreadFloorMs = 5;

    private readonly SortedDictionary<int, TimingStatistics> _timings = [];

    public FreeTextProfile(int alphabet = KeyClasses.Count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(alphabet, 1);
        Alphabet = alphabet;
    }

    public int Alphabet { get; }

    /// <summary>Key presses added so far.</summary>
    public int Keystrokes { get; private set; }

    public IReadOnlyCollection<TimingStatistics> Timings => _timings.Values;

    public static FreeTextProfile Of(IReadOnlyList<ClassKeystroke> keys, int alphabet = KeyClasses.Count)
    {
        var profile = new FreeTextProfile(alphabet);
        profile.Add(keys);
        return profile;
    }

    /// <summary>A stored profile back from its parts; refuses parts no profile could have produced.</summary>
    public static FreeTextProfile Restore(int alphabet, int keystrokes, IEnumerable<TimingStatistics> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var profile = new FreeTextProfile(alphabet);
        ArgumentOutOfRangeException.ThrowIfNegative(keystrokes);
        profile.Keystrokes = keystrokes;
        var features = alphabet + (alphabet * alphabet);
        foreach (var timing in timings)
        {
            if (timing.Feature < 0 || timing.Feature >= features || timing.Count < 1 || !double.IsFinite(timing.Mean) || !(timing.SquaredDeviations >= 0))
            {
                throw new ArgumentException($"timing {timing.Feature} is not one a profile over {alphabet} keys could hold.", nameof(timings));
            }

            profile._timings[timing.Feature] = timing;
        }

        return profile;
    }

    /// <summary>Adds one run of consecutive key presses; digraphs are taken inside the run only.</summary>
    public void Add(IReadOnlyList<ClassKeystroke> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (key.KeyClass < 0 || key.KeyClass >= Alphabet)
            {
                throw new ArgumentOutOfRangeException(nameof(keys), $"key class {key.KeyClass} is outside 0..{Alphabet - 1}.");
            }
        }

        foreach (var (feature, ms) in FreeTextTimings.Of(keys, Alphabet))
        {
            _timings[feature] = (_timings.GetValueOrDefault(feature) ?? new TimingStatistics(feature, 0, 0, 0)).Add(ms);
        }

        Keystrokes += keys.Count;
    }

    /// <summary>Adds everything another profile over the same keys holds (a verified session's typing).</summary>
    public void Merge(FreeTextProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Alphabet != Alphabet)
        {
            throw new ArgumentException($"a profile over {other.Alphabet} keys cannot refine one over {Alphabet}.", nameof(other));
        }

        foreach (var timing in other._timings.Values)
        {
            _timings[timing.Feature] = _timings.TryGetValue(timing.Feature, out var mine) ? mine.Merge(timing) : timing;
        }

        Keystrokes += other.Keystrokes;
    }

    /// <summary>How far <paramref name="typing"/> (the timings of some typing, as a profile) is from this profile.</summary>
    public FreeTextComparison Compare(FreeTextProfile typing)
    {
        ArgumentNullException.ThrowIfNull(typing);
        if (typing.Alphabet != Alphabet)
        {
            throw new ArgumentException($"typing over {typing.Alphabet} keys cannot be compared with a profile over {Alphabet}.", nameof(typing));
        }

        double weighted = 0;
        var weight = 0;
        foreach (var timing in typing._timings.Values)
        {
            if (_timings.TryGetValue(timing.Feature, out var mine) && mine.Count >= MinimumProfileCount)
            {
                weighted += timing.Count * Math.Abs(timing.Mean - mine.Mean) / Math.Max(mine.Sd, SpreadFloorMs);
                weight += timing.Count;
            }
        }

        return new FreeTextComparison(weight == 0 ? double.NaN : weighted / weight, typing.Keystrokes, weight);
    }
}
