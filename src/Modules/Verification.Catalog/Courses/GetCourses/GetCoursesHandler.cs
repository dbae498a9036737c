using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Courses.GetCourses;

public sealed class GetCoursesHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.GetCourses, IReadOnlyList<CourseFacts>>
{
    private const string Sql = """
        SELECT c.id AS CourseId, c.slug AS Slug, c.title AS Title, c.partner_id AS PartnerId, p.name AS PartnerName,
               c.starts_on AS StartsOn, c.graded_items AS GradedItems, c.retired_at IS NOT NULL AS Retired
        FROM catalog.courses c JOIN catalog.partners p ON p.id = c.partner_id
        WHERE c.id = ANY(@ids)
        """;

    public async ValueTask<IReadOnlyList<CourseFacts>> Handle(Contracts.GetCourses query, CancellationToken cancellationToken)
    {
        if (query.CourseIds.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { ids = query.CourseIds.ToArray() }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new CourseFacts(r.CourseId, r.Slug, r.Title, r.PartnerId, r.PartnerName, r.StartsOn is { } d ? DateOnly.FromDateTime(d) : null, r.GradedItems, r.Retired))];
    }

    private sealed class Row
    {
        public Guid CourseId { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public Guid PartnerId { get; init; }
        public string PartnerName { get; init; } = "";
        public DateTime? StartsOn { get; init; }
        public int GradedItems { get; init; }
        public bool Retired { get; init; }
    }
}
