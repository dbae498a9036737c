using Dapper;
using Npgsql;

namespace Verification.Catalog.Specializations;

internal static class SpecializationReads
{
    private const string HeadSql = """
        SELECT s.id AS SpecializationId, s.slug AS Slug, s.title AS Title, s.partner_id AS PartnerId, p.name AS PartnerName
        FROM catalog.specializations s JOIN catalog.partners p ON p.id = s.partner_id
        WHERE s.slug = @slug OR s.id = @id
        """;

    private const string CoursesSql = """
        SELECT sc.position AS Position, c.id AS CourseId, c.slug AS Slug, c.title AS Title
        FROM catalog.specialization_courses sc JOIN catalog.courses c ON c.id = sc.course_id
        WHERE sc.specialization_id = @id ORDER BY sc.position
        """;

    public static async Task<SpecializationView?> FindAsync(NpgsqlConnection connection, string? slug, Guid? id, CancellationToken cancellationToken)
    {
        var head = await connection.QuerySingleOrDefaultAsync<Head>(new CommandDefinition(HeadSql, new { slug, id }, cancellationToken: cancellationToken));
        if (head is null)
        {
            return null;
        }

        var courses = await connection.QueryAsync<SpecializationCourse>(new CommandDefinition(CoursesSql, new { id = head.SpecializationId }, cancellationToken: cancellationToken));
        return new SpecializationView(head.SpecializationId, head.Slug, head.Title, head.PartnerId, head.PartnerName, [.. courses]);
    }

    private sealed class Head
    {
        public Guid SpecializationId { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public Guid PartnerId { get; init; }
        public string PartnerName { get; init; } = "";
    }
}
