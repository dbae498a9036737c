namespace Verification.Matching.Fusion;

/// <summary>
/// What the session saw of itself when it ends: when it ran, how many frames the player was told were accepted, and
/// whether the assessment asked for typing. <paramref name="FramesAcknowledged"/> frames are numbered 1..N.
/// </summary>
public sealed record EvidenceCoverage(DateTimeOffset StartedAt, DateTimeOffset EndedAt, int FramesAcknowledged, bool TypingAsked);
