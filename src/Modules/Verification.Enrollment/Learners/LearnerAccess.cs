using Dapper;
using Npgsql;
using Verification.Enrollment.Api;

namespace Verification.Enrollment.Learners;

internal static class LearnerAccess
{
    private const string Sql = "SELECT " + LearnerRow.Columns + " FROM enrollment.learners WHERE id = @learnerId";

    /// <summary>The learner when the caller may act on them (an admin, or the key of the learner's own partner); otherwise null.</summary>
    public static async Task<LearnerRow?> FindAsync(NpgsqlConnection connection, Caller caller, Guid learnerId, CancellationToken cancellationToken)
    {
        var learner = await connection.QuerySingleOrDefaultAsync<LearnerRow>(new CommandDefinition(Sql, new { learnerId }, cancellationToken: cancellationToken));
        return learner is not null && caller.MayActFor(learner.PartnerId) ? learner : null;
    }
}
