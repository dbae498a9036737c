using Verification.Matching.Fusion;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>
/// How a session ended: <c>ended</c>, <c>timed_out</c> or <c>interrupted</c>, with the verdict and its frame counts.
/// <paramref name="Owner"/> is the node the session must still belong to: a node whose session was taken over ends nothing.
/// </summary>
internal sealed record SessionOutcome(
    Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, string Status, SessionVerdict Verdict, int FramesReceived, int FramesShed, Guid? Owner)
{
    /// <summary>The free-text evidence of the session's text answers, kept with the verdict for the reviewer.</summary>
    public AnswerTyping.SessionFreeText? FreeText { get; init; }
}
