namespace Verification.Matching.Keystroke;

/// <summary>
/// One browser keyboard event as the course player captures it.
/// </summary>
/// <param name="Type"><c>"down"</c> (keydown) or <c>"up"</c> (keyup).</param>
/// <param name="Key"><c>KeyboardEvent.key</c>: the character produced (<c>"R"</c>, <c>","</c>) or a key name (<c>"Shift"</c>, <c>"Backspace"</c>).</param>
/// <param name="Code"><c>KeyboardEvent.code</c>: the physical key (<c>"KeyR"</c>, <c>"ShiftLeft"</c>); pairs a key-up with its key-down.</param>
/// <param name="TimeStamp"><c>KeyboardEvent.timeStamp</c> in milliseconds (a monotonic clock, fractional).</param>
/// <param name="Repeat"><c>KeyboardEvent.repeat</c>: true for the auto-repeat key-downs of a held key.</param>
public sealed record RawKeyEvent(string Type, string Key, string Code, double TimeStamp, bool Repeat = false)
{
    public const string Down = "down";
    public const string Up = "up";
}
