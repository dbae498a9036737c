using Dapper;
using Mediator;
using Npgsql;
using Verification.Certificates.Api;
using Verification.Certificates.Codes;
using Verification.Enrollment.Contracts;

namespace Verification.Certificates.Credentials;

/// <summary>
/// Signs a new credential each time a certificate is issued (a new status-list index, so a revocation stays final), and
/// revokes the current one when the certificate is held or revoked after issue. Runs inside the decision's transaction.
/// </summary>
internal sealed class CredentialIssuer(IMediator mediator, CredentialSigner signer, CertificateSettings settings)
{
    public async Task IssueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CertificateToSign certificate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var contact = await mediator.Send(new GetLearnerContact(certificate.LearnerId), cancellationToken)
            ?? throw new InvalidOperationException($"Learner {certificate.LearnerId} is unknown to Enrollment.");
        var course = await CertificateSubject.OfAsync(mediator, certificate.CourseId, cancellationToken)
            ?? throw new InvalidOperationException($"Course or specialization {certificate.CourseId} is unknown to Catalog.");
        var index = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT nextval('certificates.status_index')::int", transaction: transaction, cancellationToken: cancellationToken));
        var facts = new CredentialFacts(certificate.CertificateId, VerificationCode.Display(certificate.Code), course.Id, course.Title, course.PartnerId, course.PartnerName, contact.Email, now, index, course.IsSpecialization);
        var (jwt, kid) = await signer.SignAsync(OpenBadgeCredential.Build(facts, settings), "vc+jwt", cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO certificates.credentials (id, certificate_id, status_index, kid, jwt, issued_at)
            VALUES (@id, @CertificateId, @index, @kid, @jwt, @now)
            """, new { id = Guid.CreateVersion7(now), certificate.CertificateId, index, kid, jwt, now }, transaction, cancellationToken: cancellationToken));
    }

    public static async Task RevokeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid certificateId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE certificates.credentials SET revoked_at = @now WHERE certificate_id = @certificateId AND revoked_at IS NULL",
            new { certificateId, now }, transaction, cancellationToken: cancellationToken));
}

internal sealed record CertificateToSign(Guid CertificateId, string Code, Guid LearnerId, Guid CourseId);
