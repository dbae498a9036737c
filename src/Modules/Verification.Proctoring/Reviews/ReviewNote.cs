namespace Verification.Proctoring.Reviews;

/// <summary>A decision's or an appeal's note: required, and no longer than <see cref="ReviewSettings.MaxNoteLength"/>.</summary>
internal static class ReviewNote
{
    public static string? Normalise(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    public static bool TooLong(string note) => note.Length > ReviewSettings.MaxNoteLength;
}
