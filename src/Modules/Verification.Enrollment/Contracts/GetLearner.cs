using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>The learner's name as they registered it (for the typing phrase), and whether they are enrolled in the course.</summary>
public sealed record GetLearner(Guid LearnerId, Guid? CourseId) : IQuery<LearnerDetails?>;

public sealed record LearnerDetails(Guid LearnerId, string FullName, bool EnrolledInCourse, Guid? CertificateTrackId);
