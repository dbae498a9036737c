using Dapper;
using Mediator;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Learners.GetLearnerContact;

public sealed class GetLearnerContactHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.GetLearnerContact, LearnerContact?>
{
    private const string Sql = """
        SELECT id AS "LearnerId", full_name AS "FullName", email AS "Email" FROM enrollment.learners WHERE id = @LearnerId
        """;

    public async ValueTask<LearnerContact?> Handle(Contracts.GetLearnerContact query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<LearnerContact>(new CommandDefinition(Sql, new { query.LearnerId }, cancellationToken: cancellationToken));
    }
}
