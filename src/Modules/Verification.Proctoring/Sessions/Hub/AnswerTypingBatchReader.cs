using Microsoft.AspNetCore.SignalR;
using Verification.Matching.Keystroke.FreeText;
using Verification.Proctoring.Contracts.Player;

namespace Verification.Proctoring.Sessions.Hub;

/// <summary>
/// Turns an <see cref="AnswerTypingBatch"/> as it came off the wire into class key presses, or refuses it with a hub
/// error whose code says what was wrong: <c>invalid_answer_typing</c> (missing parts, a batch number out of range),
/// <c>answer_typing_too_long</c>, <c>answer_typing_key_class</c> or <c>answer_typing_timing</c>. Nothing of a refused
/// batch is kept.
/// </summary>
internal static class AnswerTypingBatchReader
{
    public const string Invalid = "invalid_answer_typing";
    public const string TooLong = "answer_typing_too_long";
    public const string BadClass = "answer_typing_key_class";
    public const string BadTiming = "answer_typing_timing";

    /// <summary>Four times what the player sends at once; bounds the copy made before anything is counted.</summary>
    public const int MaxKeys = 200;

    /// <summary>More batches than any exam's answers hold (100 000 key presses in batches of 50).</summary>
    public const int MaxBatch = 2000;

    /// <summary>A key held longer is not typing; the player leaves such keys out.</summary>
    public const double MaxHoldMs = 60_000;

    /// <summary>A batch of key presses spanning more than an hour is not one run of typing.</summary>
    public const double MaxSpanMs = 3_600_000;

    /// <exception cref="HubException">The batch is malformed, too long, or holds a class or timing no keyboard gives.</exception>
    public static ClassKeystroke[] Read(AnswerTypingBatch? batch)
    {
        if (batch?.Keys is not { } wire || wire.Length == 0)
        {
            throw Refuse(Invalid, "send { batch, keys: [{ class, down, up }, ...] } with at least one key press.");
        }

        if (batch.Batch < 1 || batch.Batch > MaxBatch)
        {
            throw Refuse(Invalid, $"the batch number must be 1 to {MaxBatch}.");
        }

        if (wire.Length > MaxKeys)
        {
            throw Refuse(TooLong, $"a batch holds at most {MaxKeys} key presses.");
        }

        var keys = new ClassKeystroke[wire.Length];
        var lastDown = 0.0;
        for (var i = 0; i < wire.Length; i++)
        {
            var key = wire[i] ?? throw Refuse(Invalid, $"key {i} must be an object with class, down and up.");
            if (key.Class < 0 || key.Class >= KeyClasses.Count)
            {
                throw Refuse(BadClass, $"key {i} has class {key.Class}; classes are 0 to {KeyClasses.Count - 1}.");
            }

            if (!double.IsFinite(key.Down) || !double.IsFinite(key.Up) || key.Down < 0 || key.Down < lastDown || key.Up < key.Down
                || key.Up - key.Down > MaxHoldMs || key.Up > MaxSpanMs)
            {
                throw Refuse(BadTiming, $"key {i}: times are ms from the batch's first key-down, down never decreasing, up not before down, a hold under {MaxHoldMs / 1000} s, a batch under {MaxSpanMs / 60_000} min.");
            }

            lastDown = key.Down;
            keys[i] = new ClassKeystroke(key.Class, key.Down, key.Up);
        }

        return keys;
    }

    private static HubException Refuse(string code, string detail) => new($"{code}: {detail}");
}
