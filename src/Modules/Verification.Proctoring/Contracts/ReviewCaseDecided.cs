using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>A reviewer decided a case: <c>approved</c>, <c>rejected</c> or <c>escalated</c>. Certificates consume it to issue, revoke or keep holding.</summary>
public sealed record ReviewCaseDecided(Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId, string Decision, Guid ReviewerId) : INotification;
