using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>
/// The course platform ended the assessment (LTI's LtiEndAssessment): end the attempt's open session as the player's
/// <c>EndSession</c> would, with its final verdict. A session lives on the node its player is connected to; with several
/// nodes another node's session is ended there, through Redis, and its verdict awaited (up to 10 s). With none open
/// (never started, already ended), nothing is ended and <see cref="AttemptSessionEnd.SessionId"/> is null.
/// </summary>
public sealed record EndAttemptSession(Guid LearnerId, Guid CourseId, string AssessmentId, int Attempt) : ICommand<AttemptSessionEnd>;

/// <summary>
/// The session ended and its final verdict (<c>Verified</c> or <c>NeedsReview</c>); nulls when none was open; the session
/// and a null verdict when it is open on another node that could not be reached in time (Redis down): it goes on there.
/// </summary>
public sealed record AttemptSessionEnd(Guid? SessionId, string? Verdict);
