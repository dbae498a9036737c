namespace Verification.Matching.Keystroke;

/// <summary>
/// A validated typing of a phrase: for each of its keys the key-down and key-up time, and from them the
/// feature vector the detectors use, in seconds, laid out as the CMU benchmark lays out its columns:
/// <c>H[0], DD[0,1], UD[0,1], H[1], DD[1,2], UD[1,2], …, H[n-1]</c> (3n − 2 values for n keys).
/// </summary>
public sealed class KeystrokeSample
{
    private readonly double[] _features;

    internal KeystrokeSample(string phrase, string text, ReadOnlySpan<double> downMs, ReadOnlySpan<double> upMs)
    {
        Phrase = phrase;
        Text = text;
        KeyCount = downMs.Length;
        _features = KeystrokeFeatures.Extract(downMs, upMs);
    }

    /// <summary>The phrase the sample was validated against (a trailing <c>\n</c> stands for Enter).</summary>
    public string Phrase { get; }

    /// <summary>The characters typed for the phrase keys, in the case the keyboard produced them (Enter as <c>\n</c>).</summary>
    public string Text { get; }

    /// <summary>Number of phrase keys (modifiers such as Shift are not phrase keys).</summary>
    public int KeyCount { get; }

    /// <summary>Hold, down-down and up-down times in seconds, in the CMU column order described above.</summary>
    public ReadOnlySpan<double> Features => _features;

    /// <summary>How long key <paramref name="key"/> was held, in seconds.</summary>
    public double HoldTime(int key) => _features[KeystrokeFeatures.HoldIndex(key)];

    /// <summary>From the key-down of key <paramref name="key"/> to the key-down of the next key, in seconds.</summary>
    public double DownDownTime(int key) => _features[KeystrokeFeatures.HoldIndex(key) + 1];

    /// <summary>From the key-up of key <paramref name="key"/> to the key-down of the next key, in seconds; negative under rollover.</summary>
    public double UpDownTime(int key) => _features[KeystrokeFeatures.HoldIndex(key) + 2];
}
