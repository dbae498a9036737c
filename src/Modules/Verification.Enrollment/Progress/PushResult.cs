using Verification.Enrollment.Enrollments;

namespace Verification.Enrollment.Progress;

/// <summary><c>Applied</c> is false when the push was older than, or the same as, what the service already holds.</summary>
internal sealed record PushResult(bool Applied, EnrollmentView Enrollment);
