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

public sealed class IsLearnerOfPartnerHandler(NpgsqlDataSource dataSource, IMediator mediator) : IQueryHandler<IsLearnerOfPartner, bool>
{
    private const string Own = "SELECT EXISTS (SELECT 1 FROM enrollment.learners WHERE id = @LearnerId AND partner_id = @PartnerId)";

    private const string ProgramCourses = """
        SELECT DISTINCT e.course_id FROM enrollment.enrollments e JOIN enrollment.learners l ON l.id = e.learner_id
        WHERE l.id = @LearnerId AND l.partner_id IS NULL AND e.source = 'program'
        """;

    public async ValueTask<bool> Handle(IsLearnerOfPartner query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Own, new { query.LearnerId, query.PartnerId }, cancellationToken: cancellationToken)))
        {
            return true;
        }

        // A program's learner belongs to no partner; the partners offering the program's courses push their progress.
        foreach (var courseId in await connection.QueryAsync<Guid>(new CommandDefinition(ProgramCourses, new { query.LearnerId }, cancellationToken: cancellationToken)))
        {
            if ((await mediator.Send(new Catalog.Contracts.GetCoursePartner(courseId), cancellationToken))?.PartnerId == query.PartnerId)
            {
                return true;
            }
        }

        return false;
    }
}
