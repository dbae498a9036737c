namespace Verification.Proctoring.Identity;

/// <summary>
/// Why a learner's typing cannot be checked. A closed list: an unknown reason is refused, so a client cannot invent a
/// way around the typing check. The same values are allowed by the database's check constraints (migration 0014).
/// </summary>
internal static class TypingFallback
{
    /// <summary>A touch keyboard: key events come as <c>Unidentified</c> / 229 or not at all, so there are no per-key timings.</summary>
    public const string TouchKeyboard = "touch_keyboard";

    public const string UnknownReasonCode = "typing_fallback_reason_unknown";

    public static IReadOnlyList<string> Reasons { get; } = [TouchKeyboard];

    public static bool IsKnown(string reason) => Reasons.Contains(reason, StringComparer.Ordinal);
}
