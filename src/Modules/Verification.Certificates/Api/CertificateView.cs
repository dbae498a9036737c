using Mediator;
using Verification.Certificates.Codes;
using Verification.Certificates.Issuance;
using Verification.Enrollment.Contracts;

namespace Verification.Certificates.Api;

/// <summary>
/// What anyone may see of a certificate (for a course or a specialization, both shown as CourseTitle): asked afresh from Catalog and Enrollment (names are not copied here). The
/// learner's name is null when they hid it. Nothing biometric: only that identity was verified.
/// </summary>
internal sealed record CertificateView(
    Guid CertificateId,
    string Code,
    CertificateStatus Status,
    string? LearnerName,
    string CourseTitle,
    string PartnerName,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset StatusChangedAt,
    bool IdentityVerified,
    bool IdentityEvidenceErased,
    string VerifyPath)
{
    public static async Task<CertificateView> OfAsync(CertificateRecord record, IMediator mediator, CancellationToken cancellationToken)
    {
        var learner = await mediator.Send(new GetLearner(record.LearnerId, null), cancellationToken);
        var subject = await CertificateSubject.OfAsync(mediator, record.CourseId, cancellationToken);
        var code = VerificationCode.Display(record.Code);
        return new CertificateView(
            record.Id,
            code,
            record.Status,
            record.NameHidden ? null : learner?.FullName,
            subject?.Title ?? "",
            subject?.PartnerName ?? "",
            record.IssuedAt,
            record.RevokedAt,
            record.StatusChangedAt,
            // Issued only on a verified identity; held and revoked certificates do not claim it.
            record.Status == CertificateStatus.Issued,
            record.IdentityEvidenceErasedAtUtc is not null,
            "/verify/" + code);
    }
}
