using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Courses.GetCoursePartner;

public sealed class GetCoursePartnerHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.GetCoursePartner, CoursePartner?>
{
    private const string Sql = """
        SELECT id AS "CourseId", partner_id AS "PartnerId", graded_items AS "GradedItems", retired_at IS NOT NULL AS "Retired"
        FROM catalog.courses WHERE id = @CourseId
        """;

    public async ValueTask<CoursePartner?> Handle(Contracts.GetCoursePartner query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CoursePartner>(new CommandDefinition(Sql, new { query.CourseId }, cancellationToken: cancellationToken));
    }
}
