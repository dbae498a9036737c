using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>Enrolls a learner in a course, on its certificate track when one is given. Idempotent per learner and course.</summary>
public sealed record EnrollLearner(Guid EnrollmentId, Guid LearnerId, Guid CourseId, Guid? CertificateTrackId) : ICommand<LearnerEnrolled>;

public sealed record LearnerEnrolled(Guid EnrollmentId, bool AlreadyExisted);
