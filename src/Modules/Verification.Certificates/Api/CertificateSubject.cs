using Mediator;
using Verification.Catalog.Contracts;

namespace Verification.Certificates.Api;

/// <summary>What a certificate is for, asked afresh from Catalog: a course, or a specialization (a row's course_id holds either).</summary>
internal sealed record CertificateSubject(Guid Id, string Title, Guid PartnerId, string PartnerName, bool IsSpecialization)
{
    public static async Task<CertificateSubject?> OfAsync(IMediator mediator, Guid courseOrSpecializationId, CancellationToken cancellationToken)
    {
        if ((await mediator.Send(new GetCourses([courseOrSpecializationId]), cancellationToken)).SingleOrDefault() is { } course)
        {
            return new CertificateSubject(course.CourseId, course.Title, course.PartnerId, course.PartnerName, false);
        }

        return await mediator.Send(new GetSpecialization(courseOrSpecializationId), cancellationToken) is { } specialization
            ? new CertificateSubject(specialization.SpecializationId, specialization.Title, specialization.PartnerId, specialization.PartnerName, true)
            : null;
    }
}
