using System.Collections.Frozen;

namespace Verification.Matching.Keystroke.FreeText;

/// <summary>
/// <c>KeyboardEvent.code</c> (the physical key, whatever the layout) to its <see cref="KeyClass"/>. The player has the
/// same table (wwwroot/player/js/key-classes.js); a test keeps the two equal.
/// </summary>
public static class KeyClasses
{
    public const int Count = 5;

    private static readonly FrozenDictionary<string, KeyClass> Hands = Build();

    public static KeyClass Of(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return KeyClass.Other;
        }

        return code switch
        {
            "Space" => KeyClass.Space,
            "Backspace" or "Delete" => KeyClass.Edit,
            _ => Hands.GetValueOrDefault(code, KeyClass.Other),
        };
    }

    /// <summary>The keys of each hand, by the position a touch typist's fingers take on a QWERTY-shaped block.</summary>
    public static IReadOnlyDictionary<string, KeyClass> HandKeys => Hands;

    private static FrozenDictionary<string, KeyClass> Build()
    {
        var keys = new Dictionary<string, KeyClass>(StringComparer.Ordinal);
        foreach (var letter in "QWERTASDFGZXCVB")
        {
            keys["Key" + letter] = KeyClass.LeftHand;
        }

        foreach (var letter in "YUIOPHJKLNM")
        {
            keys["Key" + letter] = KeyClass.RightHand;
        }

        foreach (var digit in "12345")
        {
            keys["Digit" + digit] = KeyClass.LeftHand;
        }

        foreach (var digit in "67890")
        {
            keys["Digit" + digit] = KeyClass.RightHand;
        }

        keys["Backquote"] = KeyClass.LeftHand;
        foreach (var code in new[] { "Minus", "Equal", "BracketLeft", "BracketRight", "Backslash", "Semicolon", "Quote", "Comma", "Period", "Slash" })
        {
            keys[code] = KeyClass.RightHand;
        }

        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
