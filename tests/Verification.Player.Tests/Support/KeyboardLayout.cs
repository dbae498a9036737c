namespace Verification.Player.Tests.Support;

/// <summary>
/// Where a layout puts each character: the physical key (<c>KeyboardEvent.code</c>, its QWERTY position) and whether
/// Shift is held. Listed as the unshifted and shifted characters of the QWERTY positions below, space-separated.
/// </summary>
internal sealed class KeyboardLayout
{
    private static readonly string[] Codes =
    [
        "KeyQ", "KeyW", "KeyE", "KeyR", "KeyT", "KeyY", "KeyU", "KeyI", "KeyO", "KeyP", "BracketLeft", "BracketRight",
        "KeyA", "KeyS", "KeyD", "KeyF", "KeyG", "KeyH", "KeyJ", "KeyK", "KeyL", "Semicolon", "Quote",
        "KeyZ", "KeyX", "KeyC", "KeyV", "KeyB", "KeyN", "KeyM", "Comma", "Period", "Slash", "Backquote",
    ];

    private readonly Dictionary<string, (string Code, bool Shift)> _keys = new(StringComparer.Ordinal) { [" "] = ("Space", false) };

    private KeyboardLayout(string plain, string shifted)
    {
        Add(plain, shift: false);
        Add(shifted, shift: true);
    }

    public static KeyboardLayout Us { get; } = new(
        "q w e r t y u i o p [ ] a s d f g h j k l ; ' z x c v b n m , . / `",
        "Q W E R T Y U I O P { } A S D F G H J K L : \" Z X C V B N M < > ? ~");

    public static KeyboardLayout Arabic { get; } = new(
        "ض ص ث ق ف غ ع ه خ ح ج د ش س ي ب ل ا ت ن م ك ط ئ ء ؤ ر لا ى ة و ز ظ ذ",
        "َ ً ُ ٌ لإ إ ‘ ÷ × ؛ < > ِ ٍ ] [ لأ أ ـ ، / : \" ~ ْ } { لآ آ ’ , . ؟ ّ");

    public static KeyboardLayout HindiInScript { get; } = new(
        "ौ ै ा ी ू ब ह ग द ज ड ़ ो े ् ि ु प र क त च ट ॆ ं म न व ल स , . य ॊ",
        "औ ऐ आ ई ऊ भ ङ घ ध झ ढ ञ ओ ए अ इ उ फ ऱ ख थ छ ठ ऎ ँ ण ऩ ऴ ळ श ष । य़ ऒ");

    public (string Code, bool Shift) KeyFor(string character) =>
        _keys.TryGetValue(character, out var key) ? key : throw new InvalidOperationException($"No key for \"{character}\" on this layout.");

    /// <summary>The Windows virtual-key code Chromium expects beside <c>code</c>.</summary>
    public static int VirtualKey(string code) => code switch
    {
        "Space" => 32,
        "Enter" => 13,
        "ShiftLeft" => 16,
        "Comma" => 188,
        "Period" => 190,
        "Slash" => 191,
        "Semicolon" => 186,
        "Quote" => 222,
        "BracketLeft" => 219,
        "BracketRight" => 221,
        "Backquote" => 192,
        _ when code.StartsWith("Key", StringComparison.Ordinal) => code[3],
        _ => 0,
    };

    private void Add(string characters, bool shift)
    {
        var keys = characters.Split(' ');
        if (keys.Length != Codes.Length)
        {
            throw new InvalidOperationException($"{keys.Length} characters for {Codes.Length} keys.");
        }

        for (var i = 0; i < keys.Length; i++)
        {
            _keys.TryAdd(keys[i], (Codes[i], shift));
        }
    }
}
