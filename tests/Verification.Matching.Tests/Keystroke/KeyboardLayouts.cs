using Verification.Matching.Keystroke;

namespace Verification.Matching.Tests.Keystroke;

/// <summary>
/// What the browser reports on real layouts: <c>KeyboardEvent.code</c> names the physical key (its QWERTY position),
/// <c>key</c> the character the layout gives. Each layout lists, for the QWERTY positions below, the unshifted and the
/// shifted characters (space-separated, so Arabic's one-key lam-alef and Hindi's conjunct keys stay whole).
/// </summary>
internal sealed class KeyboardLayouts
{
    private static readonly string[] Codes =
    [
        "KeyQ", "KeyW", "KeyE", "KeyR", "KeyT", "KeyY", "KeyU", "KeyI", "KeyO", "KeyP", "BracketLeft", "BracketRight",
        "KeyA", "KeyS", "KeyD", "KeyF", "KeyG", "KeyH", "KeyJ", "KeyK", "KeyL", "Semicolon", "Quote",
        "KeyZ", "KeyX", "KeyC", "KeyV", "KeyB", "KeyN", "KeyM", "Comma", "Period", "Slash", "Backquote",
    ];

    private readonly Dictionary<string, (string Code, bool Shift)> _keys = new(StringComparer.Ordinal) { [" "] = ("Space", false) };

    private KeyboardLayouts(string name, string plain, string shifted)
    {
        Name = name;
        Add(plain, shift: false);
        Add(shifted, shift: true);
    }

    public string Name { get; }

    public static KeyboardLayouts Azerty { get; } = new("AZERTY (French)",
        "a z e r t y u i o p Dead $ q s d f g h j k l m ù w x c v b n , ; : ! ²",
        "A Z E R T Y U I O P ¨ £ Q S D F G H J K L M % W X C V B N ? . / § ~");

    public static KeyboardLayouts Qwertz { get; } = new("QWERTZ (German)",
        "q w e r t z u i o p ü + a s d f g h j k l ö ä y x c v b n m , . - ^",
        "Q W E R T Z U I O P Ü * A S D F G H J K L Ö Ä Y X C V B N M ; : _ °");

    public static KeyboardLayouts Dvorak { get; } = new("Dvorak",
        "' , . p y f g c r l / = a o e u i d h t n s - ; q j k x b m w v z `",
        "\" < > P Y F G C R L ? + A O E U I D H T N S _ : Q J K X B M W V Z ~");

    public static KeyboardLayouts Russian { get; } = new("ЙЦУКЕН (Russian)",
        "й ц у к е н г ш щ з х ъ ф ы в а п р о л д ж э я ч с м и т ь б ю . ё",
        "Й Ц У К Е Н Г Ш Щ З Х Ъ Ф Ы В А П Р О Л Д Ж Э Я Ч С М И Т Ь Б Ю , Ё");

    public static KeyboardLayouts Arabic { get; } = new("Arabic (101)",
        "ض ص ث ق ف غ ع ه خ ح ج د ش س ي ب ل ا ت ن م ك ط ئ ء ؤ ر لا ى ة و ز ظ ذ",
        "َ ً ُ ٌ لإ إ ‘ ÷ × ؛ < > ِ ٍ ] [ لأ أ ـ ، / : \" ~ ْ } { لآ آ ’ , . ؟ ّ");

    public static KeyboardLayouts HindiInScript { get; } = new("Hindi InScript",
        "ौ ै ा ी ू ब ह ग द ज ड ़ ो े ् ि ु प र क त च ट ॆ ं म न व ल स , . य ॊ",
        "औ ऐ आ ई ऊ भ ङ घ ध झ ढ ञ ओ ए अ इ उ फ ऱ ख थ छ ठ ऎ ँ ण ऩ ऴ ळ श ष । य़ ऒ");

    /// <summary>
    /// Types <paramref name="phrase"/> with this layout's codes: one key-down every <paramref name="gap"/> ms held
    /// <paramref name="hold"/> ms, Shift around shifted characters, and <paramref name="deadKeys"/> characters typed as
    /// a dead key (the accent) before the letter key.
    /// </summary>
    public List<RawKeyEvent> Type(string phrase, double hold = 80, double gap = 150, IReadOnlyDictionary<string, (string DeadCode, string LetterCode)>? deadKeys = null)
    {
        var events = new List<RawKeyEvent>();
        var t = 1_000.0;
        foreach (var rune in phrase.EnumerateRunes())
        {
            var character = rune.ToString();
            if (deadKeys is not null && deadKeys.TryGetValue(character, out var dead))
            {
                events.Add(new(RawKeyEvent.Down, "Dead", dead.DeadCode, t - 60));
                events.Add(new(RawKeyEvent.Up, "Dead", dead.DeadCode, t - 30));
                events.Add(new(RawKeyEvent.Down, character, dead.LetterCode, t));
                events.Add(new(RawKeyEvent.Up, character, dead.LetterCode, t + hold));
            }
            else
            {
                var (code, shift) = _keys.TryGetValue(character, out var key) ? key : throw new InvalidOperationException($"{Name} has no key for U+{rune.Value:X4}");
                if (shift)
                {
                    events.Add(new(RawKeyEvent.Down, "Shift", "ShiftLeft", t - 40));
                }

                events.Add(new(RawKeyEvent.Down, character, code, t));
                events.Add(new(RawKeyEvent.Up, character, code, t + hold));
                if (shift)
                {
                    events.Add(new(RawKeyEvent.Up, "Shift", "ShiftLeft", t + hold + 10));
                }
            }

            t += gap;
        }

        return Typing.Sorted(events);
    }

    private void Add(string characters, bool shift)
    {
        var keys = characters.Split(' ');
        Assert.Equal(Codes.Length, keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            _keys.TryAdd(keys[i], (Codes[i], shift));
        }
    }
}
