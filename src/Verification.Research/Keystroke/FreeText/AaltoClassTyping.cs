using System.Globalization;
using Verification.Matching.Keystroke.FreeText;

namespace Verification.Research.Keystroke;

/// <summary>
/// One Aalto participant's sentences as the player would send them: every key press as its class (from the physical
/// key the dataset's Windows key code names) with down and up times, one run per sentence. <see cref="FullKeySentences"/>
/// keeps the key code itself (alphabet <see cref="FullKeyAlphabet"/>) to measure what the classes cost.
/// </summary>
internal sealed record AaltoClassTyping(int Participant, IReadOnlyList<IReadOnlyList<ClassKeystroke>> ClassSentences, IReadOnlyList<IReadOnlyList<ClassKeystroke>> FullKeySentences)
{
    public const int FullKeyAlphabet = 256;

    public int Keystrokes => ClassSentences.Sum(s => s.Count);

    public static IEnumerable<AaltoClassTyping> LoadAll(string directory) =>
        Directory.EnumerateFiles(directory, "*_keystrokes.txt").Order(StringComparer.Ordinal).Select(Load).Where(p => p.ClassSentences.Count > 0);

    public static AaltoClassTyping Load(string path)
    {
        var sentences = new List<List<(double Down, double Up, int Code)>>();
        string? section = null;
        var participant = 0;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length < 9
                || !double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var down)
                || !double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var up)
                || !int.TryParse(f[8], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
                || !int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out participant))
            {
                continue;
            }

            if (section != f[1])
            {
                section = f[1];
                sentences.Add([]);
            }

            sentences[^1].Add((down, up, code));
        }

        List<IReadOnlyList<ClassKeystroke>> classes = [];
        List<IReadOnlyList<ClassKeystroke>> full = [];
        foreach (var sentence in sentences)
        {
            sentence.Sort((a, b) => a.Down.CompareTo(b.Down));
            var origin = sentence[0].Down;
            classes.Add([.. sentence.Select(k => new ClassKeystroke((int)KeyClasses.Of(CodeOf(k.Code)), k.Down - origin, k.Up - origin))]);
            full.Add([.. sentence.Select(k => new ClassKeystroke(Math.Clamp(k.Code, 0, FullKeyAlphabet - 1), k.Down - origin, k.Up - origin))]);
        }

        return new AaltoClassTyping(participant, classes, full);
    }

    /// <summary>The dataset's Windows virtual-key code as the <c>KeyboardEvent.code</c> of the same physical key (US layout).</summary>
    public static string CodeOf(int virtualKey) => virtualKey switch
    {
        >= 65 and <= 90 => "Key" + (char)virtualKey,
        >= 48 and <= 57 => "Digit" + (char)virtualKey,
        32 => "Space",
        8 => "Backspace",
        46 => "Delete",
        186 => "Semicolon",
        187 => "Equal",
        188 => "Comma",
        189 => "Minus",
        190 => "Period",
        191 => "Slash",
        192 => "Backquote",
        219 => "BracketLeft",
        220 => "Backslash",
        221 => "BracketRight",
        222 => "Quote",
        _ => "vk" + virtualKey.ToString(CultureInfo.InvariantCulture),
    };
}
