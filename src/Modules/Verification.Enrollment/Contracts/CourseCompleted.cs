using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>
/// Published through the enrollment outbox, once, when a learner's enrollment completes with every graded item passed.
/// The certificate decision starts here.
/// </summary>
public sealed record CourseCompleted(Guid LearnerId, Guid CourseId, Guid EnrollmentId, DateTimeOffset CompletedAt) : INotification;
