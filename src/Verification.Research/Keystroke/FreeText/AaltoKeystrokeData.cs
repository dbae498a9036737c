using System.Globalization;
using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>
/// Reads the Aalto "136M Keystrokes" files (Dhakal, Feit, Kristensson &amp; Oulasvirta, CHI 2018): tab-separated
/// press and release times in ms per keystroke, captured in web browsers. Each keystroke becomes a key-down and a
/// key-up <see cref="RawKeyEvent"/> so the sentence can be replayed through <see cref="KeystrokeSampleReader"/>.
/// Licence: non-commercial research use with attribution; evaluation only, never training a shipped model.
/// </summary>
internal static class AaltoKeystrokeData
{
    public static List<AaltoSentence> LoadParticipant(string path)
    {
        var sentences = new List<AaltoSentence>();
        List<(double Press, double Release, string Key, string Code)>? keys = null;
        string[]? current = null;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length < 9)
            {
                continue;
            }

            if (current is null || current[1] != f[1])
            {
                Flush(sentences, current, keys);
                current = f;
                keys = [];
            }

            var keyCode = f[8];
            keys!.Add((
                double.Parse(f[5], CultureInfo.InvariantCulture),
                double.Parse(f[6], CultureInfo.InvariantCulture),
                KeyName(f[7]),
                CodeName(f[7], keyCode)));
        }

        Flush(sentences, current, keys);
        return sentences;
    }

    private static void Flush(List<AaltoSentence> sentences, string[]? fields, List<(double Press, double Release, string Key, string Code)>? keys)
    {
        if (fields is null || keys is null)
        {
            return;
        }

        // Times are epoch milliseconds; the reader wants a monotonic clock, so they are taken from the first press.
        var origin = keys[0].Press;
        var events = new List<(double Time, int Order, RawKeyEvent Event)>(2 * keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var (press, release, key, code) = keys[i];
            events.Add((press - origin, 2 * i, new RawKeyEvent(RawKeyEvent.Down, key, code, press - origin)));
            events.Add((release - origin, (2 * i) + 1, new RawKeyEvent(RawKeyEvent.Up, key, code, release - origin)));
        }

        events.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
        sentences.Add(new AaltoSentence(
            int.Parse(fields[0], CultureInfo.InvariantCulture),
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            fields[2],
            fields[3],
            [.. events.Select(e => e.Event)]));
    }

    /// <summary>The dataset's LETTER column to <c>KeyboardEvent.key</c>.</summary>
    private static string KeyName(string letter) => letter switch
    {
        "BKSP" => "Backspace",
        "SHIFT" => "Shift",
        "CAPS_LOCK" => "CapsLock",
        "CTRL" => "Control",
        "ALT" => "Alt",
        "WIN" => "Meta",
        "DELETE" => "Delete",
        "INSERT" => "Insert",
        "HOME" => "Home",
        "END" => "End",
        "ARW_LEFT" => "ArrowLeft",
        "ARW_RIGHT" => "ArrowRight",
        "ARW_UP" => "ArrowUp",
        "ARW_DOWN" or "ARw_DOWN" => "ArrowDown",
        "PG_UP" => "PageUp",
        "PG_DOWN" => "PageDown",
        "ENTER" => "Enter",
        _ when letter.Length > 1 => "Unidentified",
        _ => letter,
    };

    /// <summary>A stable physical-key id from the key code; modifiers keep the names the reader's shortcut check knows.</summary>
    private static string CodeName(string letter, string keyCode) => letter switch
    {
        "SHIFT" => "ShiftLeft",
        "CTRL" => "ControlLeft",
        "ALT" => "AltLeft",
        "WIN" => "MetaLeft",
        _ => "vk" + keyCode,
    };
}
