using Verification.Matching.Keystroke;

namespace Verification.Matching.Tests.Keystroke;

/// <summary>Builds browser event sequences by hand: each key with its key-down and key-up time in ms.</summary>
internal static class Typing
{
    public static List<RawKeyEvent> Keys(params (string Key, double Down, double Up)[] keys)
    {
        var events = new List<RawKeyEvent>();
        foreach (var (key, down, up) in keys)
        {
            events.Add(new RawKeyEvent(RawKeyEvent.Down, key, CodeOf(key), down));
            events.Add(new RawKeyEvent(RawKeyEvent.Up, key, CodeOf(key), up));
        }

        return Sorted(events);
    }

    /// <summary>Types <paramref name="text"/> with a fixed rhythm: each key held <paramref name="hold"/> ms, a key-down every <paramref name="gap"/> ms.</summary>
    public static List<RawKeyEvent> Text(string text, double hold = 80, double gap = 150, double start = 1_000)
    {
        var keys = new (string, double, double)[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var down = start + (i * gap);
            keys[i] = (text[i] == '\n' ? "Enter" : text[i].ToString(), down, down + hold);
        }

        return Keys(keys);
    }

    public static List<RawKeyEvent> Sorted(IEnumerable<RawKeyEvent> events) => [.. events.OrderBy(e => e.TimeStamp)];

    public static string CodeOf(string key) => key switch
    {
        "Shift" => "ShiftLeft",
        "Control" => "ControlLeft",
        "Alt" => "AltLeft",
        "Meta" => "MetaLeft",
        "." => "Period",
        "," => "Comma",
        " " => "Space",
        _ when key.Length == 1 && char.IsDigit(key[0]) => "Digit" + key,
        _ when key.Length == 1 && char.IsLetter(key[0]) => "Key" + char.ToUpperInvariant(key[0]),
        _ => key,
    };

    public static KeystrokeSample Sample(string phrase, IReadOnlyList<RawKeyEvent> events)
    {
        var result = KeystrokeSampleReader.Read(phrase, events);
        Assert.True(result.IsAccepted, result.Rejection?.Code);
        return result.Sample;
    }
}
