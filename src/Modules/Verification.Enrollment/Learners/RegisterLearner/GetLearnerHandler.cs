using Dapper;
using Mediator;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Learners.RegisterLearner;

public sealed class GetLearnerHandler(NpgsqlDataSource dataSource) : IQueryHandler<GetLearner, LearnerDetails?>
{
    private const string Sql = """
        SELECT l.id AS "LearnerId", l.full_name AS "FullName", e.id IS NOT NULL AS "EnrolledInCourse", e.certificate_track_id AS "CertificateTrackId"
        FROM enrollment.learners l
        LEFT JOIN enrollment.enrollments e ON e.learner_id = l.id AND e.course_id = @CourseId AND e.removed_at IS NULL
        WHERE l.id = @LearnerId
        """;

    public async ValueTask<LearnerDetails?> Handle(GetLearner query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<LearnerDetails>(new CommandDefinition(Sql, new { query.LearnerId, query.CourseId }, cancellationToken: cancellationToken));
    }
}
