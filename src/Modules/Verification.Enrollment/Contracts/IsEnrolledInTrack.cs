using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>Whether the learner holds an active (not removed) enrollment in the course on exactly that track.</summary>
public sealed record IsEnrolledInTrack(Guid LearnerId, Guid CourseId, EnrollmentTrack Track) : IQuery<bool>;
