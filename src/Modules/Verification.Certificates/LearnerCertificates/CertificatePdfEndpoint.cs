using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.OpenApi;
using Verification.Certificates.Api;
using Verification.Certificates.Codes;
using Verification.Certificates.Credentials;
using Verification.Certificates.Documents;
using Verification.Certificates.Issuance;
using Verification.Enrollment.Contracts;

namespace Verification.Certificates.LearnerCertificates;

/// <summary>The learner downloads their issued certificate as a PDF, with their name even when it is hidden on the public page.</summary>
internal static class CertificatePdfEndpoint
{
    public static void MapCertificatePdf(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/learners/{learnerId:guid}/certificates/{certificateId:guid}/certificate.pdf", GetAsync)
            .RequireAuthorization(AccessPolicies.Learner).WithTags("Certificates")
            .WithSummary("The issued certificate as a one-page PDF: the learner's name, course, partner, date, identity verified, the verification code and a QR code of its public page. 404 certificate_not_found while it is held or revoked.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .AuditsRead("certificate.pdf.downloaded", "certificate", "certificateId")
            .Refuses(StatusCodes.Status404NotFound, "certificate_not_found");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        Guid learnerId, Guid certificateId, NpgsqlDataSource dataSource, IMediator mediator, CertificateSettings settings, CertificateFonts fonts, CancellationToken cancellationToken)
    {
        if (await CertificateRecord.ByIdAsync(dataSource, certificateId, cancellationToken) is not { } record
            || record.LearnerId != learnerId || record.Status != CertificateStatus.Issued || record.IssuedAt is not { } issuedAt)
        {
            return CertificateProblems.NotFound();
        }

        var learner = await mediator.Send(new GetLearner(learnerId, null), cancellationToken);
        var subject = await CertificateSubject.OfAsync(mediator, record.CourseId, cancellationToken);
        var code = VerificationCode.Display(record.Code);
        var pdf = CertificatePdf.Render(new CertificateDocument(
            learner?.FullName ?? "", subject?.Title ?? "", subject?.PartnerName ?? "", issuedAt, code, settings.VerifyUrl(code)), fonts);
        return TypedResults.File(pdf, "application/pdf", $"certificate-{code}.pdf");
    }
}
