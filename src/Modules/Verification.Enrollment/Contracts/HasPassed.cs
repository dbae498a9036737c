using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>Whether the learner completed the course with every graded item passed.</summary>
public sealed record HasPassed(Guid LearnerId, Guid CourseId) : IQuery<bool>;
