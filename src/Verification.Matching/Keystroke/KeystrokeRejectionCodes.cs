namespace Verification.Matching.Keystroke;

/// <summary>
/// The reason codes of <see cref="KeystrokeRejection"/> with the message each one carries.
/// Codes are part of the contract with the course player: never rename one.
/// </summary>
public static class KeystrokeRejectionCodes
{
    public const string Empty = "empty_sample";
    public const string TooManyEvents = "too_many_events";
    public const string InvalidEvent = "invalid_event";
    public const string InvalidTimestamp = "invalid_timestamp";
    public const string OutOfOrder = "events_out_of_order";
    public const string DuplicateEvent = "duplicate_event";
    public const string KeyUpWithoutKeyDown = "key_up_without_key_down";
    public const string KeyDownWithoutKeyUp = "key_down_without_key_up";
    public const string AutoRepeat = "auto_repeat";
    public const string KeyHeldTooLong = "key_held_too_long";
    public const string PauseTooLong = "pause_too_long";
    public const string Correction = "correction_used";
    public const string CursorMoved = "cursor_moved";
    public const string Shortcut = "shortcut_used";
    public const string UnsupportedInput = "unsupported_input";
    public const string InputMethod = "input_method_used";
    public const string TextMismatch = "text_mismatch";
    public const string PhraseInvalid = "phrase_invalid";

    internal static KeystrokeRejection Rejection(string code) => new(code, MessageFor(code));

    public static string MessageFor(string code) => code switch
    {
        Empty => "No typing was recorded. Please click into the box and type the phrase.",
        TooManyEvents => "Far more keys were pressed than the phrase needs. Please type the phrase again, exactly as shown.",
        InvalidEvent or InvalidTimestamp or OutOfOrder or DuplicateEvent or KeyUpWithoutKeyDown or KeyDownWithoutKeyUp =>
            "Your typing could not be recorded reliably. Please type the phrase again in one go, without switching windows.",
        AutoRepeat => "A key was held down long enough to repeat. Please type the phrase again, pressing each key once.",
        KeyHeldTooLong => "A key was held down for a long time. Please type the phrase again at your normal pace.",
        PauseTooLong => "There was a long pause while typing. Please type the phrase again in one go.",
        Correction => "Please type the phrase again without corrections (no Backspace or Delete); if you make a mistake, start over.",
        CursorMoved => "Please type the phrase again from start to end without moving the cursor or leaving the box.",
        Shortcut => "Please type the phrase yourself: pasting and keyboard shortcuts cannot be used.",
        UnsupportedInput => "Your keyboard input method could not be read. Please switch off any input method editor or on-screen keyboard and type the phrase again.",
        InputMethod => "Your keyboard composed the text through an input method (IME) or an on-screen keyboard, which gives no key timings. This typing was not counted against you; please type the pledge with a physical keyboard and the input method off, or choose the pledge in Latin letters.",
        TextMismatch => "What was typed does not match the phrase. Please type it again exactly as shown.",
        PhraseInvalid => "The phrase to type is not set up correctly. Please contact support.",
        _ => "Please type the phrase again.",
    };
}
