using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.Certificates.Issuance;

namespace Verification.Certificates.Tests.Support;

/// <summary>What the certificates module stored for a learner and course.</summary>
public sealed record CertificateRow(Guid Id, string Status, string Code, string? RevocationReason, DateTime? IssuedAt, DateTime? RevokedAt);

public static class CertificateRows
{
    /// <summary>A code as the service shows it: XXXX-XXXX-XXXX (the row keeps the twelve characters).</summary>
    public static string Display(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    public static async Task<CertificateRow?> FindAsync(CertificatesApp app, Guid learnerId, Guid courseId)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CertificateRow>("""
            SELECT id AS "Id", status AS "Status", verification_code AS "Code", revocation_reason AS "RevocationReason",
                   issued_at AS "IssuedAt", revoked_at AS "RevokedAt"
            FROM certificates.certificates WHERE learner_id = @learnerId AND course_id = @courseId
            """, new { learnerId, courseId });
    }

    public static async Task<CertificateRow> GetAsync(CertificatesApp app, Guid learnerId, Guid courseId) =>
        await FindAsync(app, learnerId, courseId) ?? throw new InvalidOperationException("No certificate.");

    /// <summary>Runs the decision for the learner and course, as any trigger does.</summary>
    internal static async Task<CertificateStatus?> RecomputeAsync(CertificatesApp app, Guid learnerId, Guid courseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().RecomputeAsync(learnerId, courseId, "test", TestContext.Current.CancellationToken);
    }
}
