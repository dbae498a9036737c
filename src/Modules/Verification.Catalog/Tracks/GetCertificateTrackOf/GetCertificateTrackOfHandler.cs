using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Tracks.GetCertificateTrackOf;

public sealed class GetCertificateTrackOfHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.GetCertificateTrackOf, CertificateTrackFacts?>
{
    private const string Sql = """
        SELECT id AS TrackId, course_id AS CourseId, specialization_id AS SpecializationId, price_minor AS PriceMinor,
               currency AS Currency, requires_identity_verification AS RequiresIdentityVerification, typing_check AS TypingCheck
        FROM catalog.certificate_tracks
        WHERE course_id = @id OR specialization_id = @id
        """;

    public async ValueTask<CertificateTrackFacts?> Handle(Contracts.GetCertificateTrackOf query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TrackRow>(new CommandDefinition(Sql, new { id = query.CourseOrSpecializationId }, cancellationToken: cancellationToken));
        return row?.ToFacts();
    }
}
