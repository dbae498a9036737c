using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>A verification session ended with the machine's verdict: <c>Verified</c> or <c>NeedsReview</c>, never a rejection.</summary>
public sealed record SessionVerdictReached(Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, string Verdict, string Priority, IReadOnlyList<string> Flags) : INotification;

/// <summary>A session needs a person: a review case was opened for it.</summary>
public sealed record ReviewCaseOpened(Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId, string Priority, IReadOnlyList<string> Flags) : INotification;
