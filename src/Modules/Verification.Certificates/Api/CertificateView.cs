using Mediator;
using Verification.Catalog.Contracts;
using Verification.Certificates.Codes;
using Verification.Certificates.Issuance;
using Verification.Enrollment.Contracts;

namespace Verification.Certificates.Api;

/// <summary>
/// What anyone may see of a certificate: asked afresh from Catalog and Enrollment (names are not copied here). The
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
        var course = (await mediator.Send(new GetCourses([record.CourseId]), cancellationToken)).SingleOrDefault();
        var code = VerificationCode.Display(record.Code);
        return new CertificateView(
            record.Id,
            code,
            record.Status,
            record.NameHidden ? null : learner?.FullName,
            course?.Title ?? "",
            course?.PartnerName ?? "",
            record.IssuedAt,
            record.RevokedAt,
            record.StatusChangedAt,
            // Issued only on a verified identity; held and revoked certificates do not claim it.
            record.Status == CertificateStatus.Issued,
            record.IdentityEvidenceErasedAtUtc is not null,
            "/verify/" + code);
    }
}
