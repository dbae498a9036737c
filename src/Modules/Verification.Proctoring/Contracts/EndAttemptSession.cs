using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>
/// The course platform ended the assessment (LTI's LtiEndAssessment): end the attempt's open session as the player's
/// <c>EndSession</c> would, with its final verdict. A session lives on the node its player is connected to; with none
/// open there (never started, already ended), nothing is ended and <see cref="AttemptSessionEnd.SessionId"/> is null.
/// </summary>
public sealed record EndAttemptSession(Guid LearnerId, Guid CourseId, string AssessmentId, int Attempt) : ICommand<AttemptSessionEnd>;

/// <summary>The session ended and its final verdict (<c>Verified</c> or <c>NeedsReview</c>), or nulls when none was open.</summary>
public sealed record AttemptSessionEnd(Guid? SessionId, string? Verdict);
