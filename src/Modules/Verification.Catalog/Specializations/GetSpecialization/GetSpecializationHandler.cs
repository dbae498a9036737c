using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Specializations.GetSpecialization;

public sealed class GetSpecializationHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.GetSpecialization, SpecializationFacts?>
{
    private const string Sql = """
        SELECT s.id AS SpecializationId, s.partner_id AS PartnerId, p.name AS PartnerName, s.slug AS Slug, s.title AS Title,
               s.retired_at IS NOT NULL AS Retired,
               ARRAY(SELECT sc.course_id FROM catalog.specialization_courses sc WHERE sc.specialization_id = s.id ORDER BY sc.position) AS CourseIds
        FROM catalog.specializations s JOIN catalog.partners p ON p.id = s.partner_id
        WHERE s.id = @SpecializationId
        """;

    public async ValueTask<SpecializationFacts?> Handle(Contracts.GetSpecialization query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { query.SpecializationId }, cancellationToken: cancellationToken));
        return row is null ? null : new SpecializationFacts(row.SpecializationId, row.PartnerId, row.PartnerName, row.Slug, row.Title, row.Retired, row.CourseIds);
    }

    private sealed class Row
    {
        public Guid SpecializationId { get; init; }
        public Guid PartnerId { get; init; }
        public string PartnerName { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public bool Retired { get; init; }
        public Guid[] CourseIds { get; init; } = [];
    }
}
