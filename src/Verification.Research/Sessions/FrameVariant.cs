namespace Verification.Research.Sessions;

/// <summary>How a photo is presented to the engine: with the enrollment gates, or as a session frame (plain or degraded).</summary>
public enum FrameVariant
{
    Enrollment,
    Session,
    SessionDegraded,
}
