using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>
/// A learner's certificates for their data export. Declared here and answered by Certificates: Certificates depends on
/// Proctoring, so Proctoring cannot name a Certificates contract without a cycle.
/// </summary>
public sealed record ListLearnerCertificates(Guid LearnerId) : IQuery<IReadOnlyList<LearnerCertificate>>;

public sealed record LearnerCertificate(
    Guid CertificateId, Guid CourseId, string Status, string VerificationCode, DateTimeOffset? IssuedAt, DateTimeOffset? RevokedAt, bool IdentityEvidenceErased);
