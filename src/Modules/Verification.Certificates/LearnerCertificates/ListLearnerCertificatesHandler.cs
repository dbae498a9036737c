using Mediator;
using Npgsql;
using Verification.Certificates.Api;
using Verification.Certificates.Codes;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.LearnerCertificates;

/// <summary>Answers Proctoring's export with the learner's certificates: ids, status, dates and code, nothing else.</summary>
public sealed class ListLearnerCertificatesHandler(NpgsqlDataSource dataSource) : IQueryHandler<ListLearnerCertificates, IReadOnlyList<LearnerCertificate>>
{
    public async ValueTask<IReadOnlyList<LearnerCertificate>> Handle(ListLearnerCertificates query, CancellationToken cancellationToken) =>
        [.. (await CertificateRecord.OfLearnerAsync(dataSource, query.LearnerId, cancellationToken)).Select(r => new LearnerCertificate(
            r.Id, r.CourseId, r.Status.ToString(), VerificationCode.Display(r.Code), r.IssuedAt, r.RevokedAt, r.IdentityEvidenceErasedAtUtc is not null))];
}
