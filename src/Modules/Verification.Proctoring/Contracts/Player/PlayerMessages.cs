namespace Verification.Proctoring.Contracts.Player;

// The hub's wire messages. Classes with settable properties, so both the JSON and the MessagePack protocol
// (contractless, keyed by name) read and write them in any client language.

public sealed class SessionStarted
{
    public Guid SessionId { get; set; }

    public bool Resumed { get; set; }

    public int FrameIntervalSeconds { get; set; }

    public string TypingPhrase { get; set; } = "";

    public string Verdict { get; set; } = "";
}

public sealed class FrameResult
{
    public Guid SessionId { get; set; }

    public int Frame { get; set; }

    public int FacesFound { get; set; }

    public double? MatchScore { get; set; }

    public double? Liveness { get; set; }

    /// <summary>The quality gate or decoder reason code when the frame could not be used (<c>too_dark</c>, <c>image_corrupt</c>, ...).</summary>
    public string? Code { get; set; }

    public string? Message { get; set; }

    public string[] Flags { get; set; } = [];

    public string Verdict { get; set; } = "";

    public double AnalysisMilliseconds { get; set; }
}

public sealed class VerdictChanged
{
    public Guid SessionId { get; set; }

    public string Verdict { get; set; } = "";

    public string Priority { get; set; } = "";

    public FlagDto[] Flags { get; set; } = [];

    public bool Final { get; set; }
}

public sealed class FlagDto
{
    public string Kind { get; set; } = "";

    public string Rule { get; set; } = "";

    public int[] Frames { get; set; } = [];

    public double[] Scores { get; set; } = [];
}

public sealed class Prompt
{
    public Guid SessionId { get; set; }

    /// <summary><c>look_at_camera</c>, <c>type_phrase</c>, <c>camera_blocked</c>, <c>one_person_only</c>.</summary>
    public string Code { get; set; } = "";

    public string Message { get; set; } = "";
}

public sealed class FramesShed
{
    public Guid SessionId { get; set; }

    public int Dropped { get; set; }

    public int TotalDropped { get; set; }

    public string Rule { get; set; } = "";
}

public sealed class KeystrokeBatch
{
    public KeyEventDto[] Events { get; set; } = [];

    /// <summary>
    /// Set (to <c>touch_keyboard</c>) instead of events when the typing came from a keyboard without per-key timings;
    /// accepted only for a learner who enrolled without typing for that reason.
    /// </summary>
    public string? Fallback { get; set; }
}

public sealed class KeyEventDto
{
    /// <summary><c>down</c> or <c>up</c>.</summary>
    public string Type { get; set; } = "";

    public string Key { get; set; } = "";

    public string Code { get; set; } = "";

    /// <summary>Milliseconds, as <c>KeyboardEvent.timeStamp</c> gives them.</summary>
    public double TimeStamp { get; set; }

    public bool Repeat { get; set; }
}

public sealed class KeystrokeResult
{
    public Guid SessionId { get; set; }

    public int Check { get; set; }

    public bool Usable { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }

    public double? GenuineProbability { get; set; }

    public bool? Accepted { get; set; }

    public string Verdict { get; set; } = "";
}

public sealed class FrameAccepted
{
    public int Frame { get; set; }

    /// <summary>A frame refused before analysis (too large): its reason code, else null.</summary>
    public string? Code { get; set; }

    public string? Message { get; set; }
}

/// <summary>
/// The timing of some typing in the assessment's text answers: never the keys or the text, only each key press's class
/// (0 left hand, 1 right hand, 2 space, 3 Backspace/Delete, 4 any other key) and its down and up times.
/// </summary>
public sealed class AnswerTypingBatch
{
    /// <summary>The batch's number in the session, from 1; a batch sent again with the same number counts once.</summary>
    public int Batch { get; set; }

    public AnswerKeyDto[]? Keys { get; set; } = [];
}

public sealed class AnswerKeyDto
{
    /// <summary>The key's class, 0 to 4 (docs/player-protocol.md).</summary>
    public int Class { get; set; }

    /// <summary>Milliseconds from the batch's first key-down to this key's down; never decreasing along the batch.</summary>
    public double Down { get; set; }

    /// <summary>Milliseconds from the batch's first key-down to this key's up; not before its down.</summary>
    public double Up { get; set; }
}

public sealed class AnswerTypingResult
{
    public Guid SessionId { get; set; }

    public int Batch { get; set; }

    /// <summary>Whether the batch is kept and counted (false when consent was withdrawn; then <see cref="Code"/> says so).</summary>
    public bool Recorded { get; set; }

    /// <summary>Key presses of the session's answers counted so far.</summary>
    public int KeyPresses { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }

    public string Verdict { get; set; } = "";
}
