namespace Verification.Matching.Keystroke;

/// <summary>The CMU feature layout: per key its hold time, then the down-down and up-down times to the next key.</summary>
internal static class KeystrokeFeatures
{
    private const double SecondsPerMillisecond = 1e-3;

    public static int Count(int keyCount) => keyCount == 0 ? 0 : (3 * keyCount) - 2;

    public static int KeyCount(int featureCount) => (featureCount + 2) / 3;

    public static int HoldIndex(int key) => 3 * key;

    public static bool IsHold(int index) => index % 3 == 0;

    public static bool IsDownDown(int index) => index % 3 == 1;

    public static bool IsUpDown(int index) => index % 3 == 2;

    public static double[] Extract(ReadOnlySpan<double> downMs, ReadOnlySpan<double> upMs)
    {
        var features = new double[Count(downMs.Length)];
        for (var key = 0; key < downMs.Length; key++)
        {
            var at = HoldIndex(key);
            features[at] = (upMs[key] - downMs[key]) * SecondsPerMillisecond;
            if (key + 1 < downMs.Length)
            {
                features[at + 1] = (downMs[key + 1] - downMs[key]) * SecondsPerMillisecond;
                features[at + 2] = (downMs[key + 1] - upMs[key]) * SecondsPerMillisecond;
            }
        }

        return features;
    }
}
