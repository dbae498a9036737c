using Dapper;
using Mediator;
using Npgsql;
using Verification.Catalog.Contracts;

namespace Verification.Enrollment.Learners.IsLearnerOfPartner;

/// <summary>The learner's courses come from this module; which partner owns each course is the catalog's answer.</summary>
public sealed class IsLearnerOfPartnerHandler(NpgsqlDataSource dataSource, IMediator mediator) : IQueryHandler<Contracts.IsLearnerOfPartner, bool>
{
    private const string Sql = "SELECT DISTINCT course_id FROM enrollment.enrollments WHERE learner_id = @LearnerId LIMIT 500";

    public async ValueTask<bool> Handle(Contracts.IsLearnerOfPartner query, CancellationToken cancellationToken)
    {
        IEnumerable<Guid> courses;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            courses = await connection.QueryAsync<Guid>(new CommandDefinition(Sql, new { query.LearnerId }, cancellationToken: cancellationToken));
        }

        foreach (var course in courses)
        {
            if (await mediator.Send(new GetCoursePartner(course), cancellationToken) == query.PartnerId)
            {
                return true;
            }
        }

        return false;
    }
}
