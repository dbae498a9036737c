using Verification.Matching.Fusion;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>How a session ended: <c>ended</c>, <c>timed_out</c> or <c>interrupted</c>, with the verdict and its frame counts.</summary>
internal sealed record SessionOutcome(
    Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, string Status, SessionVerdict Verdict, int FramesReceived, int FramesShed);
