using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>The certificate service's question: is this learner's identity verified for this course?</summary>
public sealed record IsIdentityVerified(Guid LearnerId, Guid CourseId) : IQuery<IdentityVerificationStatus>;

/// <summary>
/// <c>Verified</c>: enrolled, at least one session of the course verified (by the machine or a reviewer), none rejected
/// and none waiting. <c>PendingReview</c>: a case is open, so a certificate is held, not refused. <c>Rejected</c>: a
/// reviewer rejected a session. <c>NotVerified</c>: enrolled but no verified session yet. <c>NotEnrolled</c>: no identity profile.
/// </summary>
public sealed record IdentityVerificationStatus(Guid LearnerId, Guid CourseId, string Status, int VerifiedSessions, int OpenCases);
