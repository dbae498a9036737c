using Dapper;
using Mediator;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Enrollments.Questions;

public sealed class IsEnrolledInTrackHandler(NpgsqlDataSource dataSource) : IQueryHandler<IsEnrolledInTrack, bool>
{
    private const string Sql = """
        SELECT EXISTS (SELECT 1 FROM enrollment.enrollments WHERE learner_id = @LearnerId AND course_id = @CourseId AND track = @track AND removed_at IS NULL)
        """;

    public async ValueTask<bool> Handle(IsEnrolledInTrack query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            Sql, new { query.LearnerId, query.CourseId, track = Tracks.ToColumn(query.Track) }, cancellationToken: cancellationToken));
    }
}

public sealed class HasPassedHandler(NpgsqlDataSource dataSource) : IQueryHandler<HasPassed, bool>
{
    private const string Sql = """
        SELECT EXISTS (SELECT 1 FROM enrollment.enrollments WHERE learner_id = @LearnerId AND course_id = @CourseId AND passed AND completed_at IS NOT NULL)
        """;

    public async ValueTask<bool> Handle(HasPassed query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Sql, new { query.LearnerId, query.CourseId }, cancellationToken: cancellationToken));
    }
}

public sealed class IsLearnerOfPartnerHandler(NpgsqlDataSource dataSource) : IQueryHandler<IsLearnerOfPartner, bool>
{
    private const string Sql = "SELECT EXISTS (SELECT 1 FROM enrollment.learners WHERE id = @LearnerId AND partner_id = @PartnerId)";

    public async ValueTask<bool> Handle(IsLearnerOfPartner query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Sql, new { query.LearnerId, query.PartnerId }, cancellationToken: cancellationToken));
    }
}
