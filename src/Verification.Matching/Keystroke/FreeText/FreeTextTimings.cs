namespace Verification.Matching.Keystroke.FreeText;

/// <summary>
/// The timings free-text typing is compared on: the hold time of each key class and the down-down time of each pair of
/// consecutive classes (a class digraph). Over an alphabet of <c>alphabet</c> keys the hold of key k is feature k and the
/// digraph (a, b) is feature alphabet + a·alphabet + b; the service's alphabet is the <see cref="KeyClasses.Count"/>
/// classes, research runs the same code over physical keys to measure what the classes cost. Holds over
/// <see cref="MaxHoldMs"/> and flights over <see cref="MaxFlightMs"/> are a learner thinking, not typing, and are left out.
/// </summary>
public static class FreeTextTimings
{
    public const double MaxHoldMs = 1000;
    public const double MaxFlightMs = 1500;

    public static IEnumerable<(int Feature, double Ms)> Of(IReadOnlyList<ClassKeystroke> keys, int alphabet)
    {
        ArgumentNullException.ThrowIfNull(keys);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var hold = key.UpMs - key.DownMs;
            if (hold > 0 && hold < MaxHoldMs)
            {
                yield return (key.KeyClass, hold);
            }

            if (i + 1 < keys.Count)
            {
                var next = keys[i + 1];
                var flight = next.DownMs - key.DownMs;
                if (flight >= 0 && flight < MaxFlightMs)
                {
                    yield return (alphabet + (key.KeyClass * alphabet) + next.KeyClass, flight);
                }
            }
        }
    }
}
