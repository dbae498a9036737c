using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>
/// A learner appealed a rejection: the case is open again until another reviewer decides it. It carries no reason (the
/// learner's own words stay with the case). <paramref name="AppealId"/> names this event wherever it travels.
/// </summary>
public sealed record ReviewCaseAppealed(Guid AppealId, Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId) : INotification;
