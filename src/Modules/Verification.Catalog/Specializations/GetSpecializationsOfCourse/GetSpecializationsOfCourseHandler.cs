using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Specializations.GetSpecializationsOfCourse;

public sealed class GetSpecializationsOfCourseHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.GetSpecializationsOfCourse, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(Contracts.GetSpecializationsOfCourse query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT specialization_id FROM catalog.specialization_courses WHERE course_id = @CourseId ORDER BY specialization_id",
            new { query.CourseId }, cancellationToken: cancellationToken))];
    }
}
