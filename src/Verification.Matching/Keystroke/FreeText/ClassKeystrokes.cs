namespace Verification.Matching.Keystroke.FreeText;

/// <summary>Key events with their physical keys (an enrollment's pledge typings) as the class key presses free-text typing is compared on.</summary>
public static class ClassKeystrokes
{
    /// <summary>
    /// Each key-down paired with the next key-up of the same physical key, in key-down order, times from the first
    /// key-down; auto-repeats and keys never released are left out.
    /// </summary>
    public static IReadOnlyList<ClassKeystroke> Of(IReadOnlyList<RawKeyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var held = new Dictionary<string, double>(StringComparer.Ordinal);
        var keys = new List<(string Code, double Down, double Up)>();
        foreach (var e in events)
        {
            if (e.Type == RawKeyEvent.Down && !e.Repeat && !held.ContainsKey(e.Code))
            {
                held[e.Code] = e.TimeStamp;
            }
            else if (e.Type == RawKeyEvent.Up && held.Remove(e.Code, out var down) && e.TimeStamp >= down)
            {
                keys.Add((e.Code, down, e.TimeStamp));
            }
        }

        if (keys.Count == 0)
        {
            return [];
        }

        keys.Sort((a, b) => a.Down.CompareTo(b.Down));
        var start = keys[0].Down;
        return [.. keys.Select(k => new ClassKeystroke((int)KeyClasses.Of(k.Code), k.Down - start, k.Up - start))];
    }
}
