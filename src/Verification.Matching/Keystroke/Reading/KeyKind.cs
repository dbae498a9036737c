namespace Verification.Matching.Keystroke;

internal enum KeyKind
{
    Character,
    Enter,
    Modifier,
    ShortcutModifier,
    Correction,
    Navigation,
    Composition,
    Unsupported,
}

/// <summary>Sorts <c>KeyboardEvent.key</c> values into what the reader does with them.</summary>
internal static class KeyKinds
{
    public static KeyKind Of(string key)
    {
        if (IsCharacter(key))
        {
            return KeyKind.Character;
        }

        return key switch
        {
            "Enter" => KeyKind.Enter,
            // A dead key only chooses the character the next key gives (´ then e is é on Spanish, French, German
            // layouts): like Shift, the character's key carries the timing.
            "Shift" or "CapsLock" or "AltGraph" or "Fn" or "FnLock" or "NumLock" or "Dead" => KeyKind.Modifier,
            // An input method editor or a touch keyboard composing text: the keys are not the characters, and their times say nothing.
            "Process" or "Unidentified" => KeyKind.Composition,
            "Control" or "Alt" or "Meta" or "OS" or "Super" or "Hyper" => KeyKind.ShortcutModifier,
            "Backspace" or "Delete" or "Undo" or "Redo" or "Cut" or "Paste" => KeyKind.Correction,
            "ArrowLeft" or "ArrowRight" or "ArrowUp" or "ArrowDown" or "Home" or "End" or "PageUp" or "PageDown" or "Tab" or "Insert" or "Escape" => KeyKind.Navigation,
            _ => KeyKind.Unsupported,
        };
    }

    /// <summary>A printable character: one UTF-16 unit, or a surrogate pair (emoji keyboards).</summary>
    private static bool IsCharacter(string key) =>
        (key.Length == 1 && !char.IsControl(key[0])) || (key.Length == 2 && char.IsSurrogatePair(key[0], key[1]));
}
