using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Tracks.GetCertificateTrackForSale;

public sealed class GetCertificateTrackForSaleHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.GetCertificateTrackForSale, CertificateTrackForSale?>
{
    private const string Sql = """
        SELECT t.id AS "TrackId", COALESCE(c.partner_id, s.partner_id) AS "PartnerId", t.course_id AS "CourseId",
               t.specialization_id AS "SpecializationId", COALESCE(c.title, s.title) AS "Title", t.price_minor AS "PriceMinor",
               trim(t.currency) AS "Currency", COALESCE(c.retired_at, s.retired_at) IS NOT NULL AS "Retired"
        FROM catalog.certificate_tracks t
        LEFT JOIN catalog.courses c ON c.id = t.course_id
        LEFT JOIN catalog.specializations s ON s.id = t.specialization_id
        WHERE t.id = @id OR t.course_id = @id OR t.specialization_id = @id
        """;

    public async ValueTask<CertificateTrackForSale?> Handle(Contracts.GetCertificateTrackForSale query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CertificateTrackForSale>(new CommandDefinition(Sql, new { id = query.TrackOrOwnerId }, cancellationToken: cancellationToken));
    }
}
