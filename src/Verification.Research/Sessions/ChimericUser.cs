using Verification.Research.Keystroke;

namespace Verification.Research.Sessions;

/// <summary>
/// An LFW identity paired with a CMU keystroke subject: the standard way to evaluate multimodal fusion without people
/// who gave both. Photos are paths; typings are CMU rows (session 1 for enrollment, session 5 on for sessions, and
/// <paramref name="EarlierSessionTypings"/> from session 4, of which an earlier assessment that may refine the profile
/// takes as many as a session asks for).
/// </summary>
public sealed record ChimericUser(
    int Index,
    string Identity,
    IReadOnlyList<string> Photos,
    string Subject,
    IReadOnlyList<CmuKeystrokeRow> EnrollmentTypings,
    IReadOnlyList<CmuKeystrokeRow> SessionTypings,
    IReadOnlyList<CmuKeystrokeRow> EarlierSessionTypings);
