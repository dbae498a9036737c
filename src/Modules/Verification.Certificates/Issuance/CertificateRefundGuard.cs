using Dapper;
using Npgsql;
using Verification.Billing.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>Billing asks before a refund: once a certificate was issued for the learner's track, the fee was earned.</summary>
internal sealed class CertificateRefundGuard(NpgsqlDataSource dataSource) : IRefundGuard
{
    public const string CertificateIssued = "certificate_issued";

    private const string Sql = """
        SELECT EXISTS (SELECT 1 FROM certificates.certificates
                       WHERE learner_id = @learnerId AND track_id = @certificateTrackId AND issued_at IS NOT NULL)
        """;

    public async ValueTask<RefundVeto?> CheckAsync(Guid learnerId, Guid certificateTrackId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var issued = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Sql, new { learnerId, certificateTrackId }, cancellationToken: cancellationToken));
        return issued ? new RefundVeto(CertificateIssued, "A certificate was issued for this track; its fee cannot be refunded.") : null;
    }
}
