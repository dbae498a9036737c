using Dapper;
using Mediator;
using Npgsql;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Sessions.IsIdentityVerified;

public sealed class IsIdentityVerifiedHandler(NpgsqlDataSource dataSource) : IQueryHandler<Contracts.IsIdentityVerified, IdentityVerificationStatus>
{
    private const string Sql = """
        SELECT
            EXISTS (SELECT 1 FROM proctoring.identity_profiles WHERE learner_id = @LearnerId) AS "Enrolled",
            (SELECT count(*) FROM proctoring.sessions s
               LEFT JOIN proctoring.review_cases c ON c.session_id = s.id
             WHERE s.learner_id = @LearnerId AND s.course_id = @CourseId
               AND ((s.verdict = 'Verified' AND c.id IS NULL) OR c.status = 'approved'))::int AS "Verified",
            (SELECT count(*) FROM proctoring.review_cases
             WHERE learner_id = @LearnerId AND course_id = @CourseId AND status IN ('open', 'escalated'))::int AS "Open",
            (SELECT count(*) FROM proctoring.review_cases
             WHERE learner_id = @LearnerId AND course_id = @CourseId AND status = 'rejected')::int AS "Rejected"
        """;

    public async ValueTask<IdentityVerificationStatus> Handle(Contracts.IsIdentityVerified query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(bool Enrolled, int Verified, int Open, int Rejected)>(new CommandDefinition(Sql, query, cancellationToken: cancellationToken));
        var status = row switch
        {
            { Enrolled: false } => IdentityStatus.NotEnrolled,
            { Rejected: > 0 } => IdentityStatus.Rejected,
            { Open: > 0 } => IdentityStatus.PendingReview,
            { Verified: > 0 } => IdentityStatus.Verified,
            _ => IdentityStatus.NotVerified,
        };
        return new IdentityVerificationStatus(query.LearnerId, query.CourseId, status, row.Verified, row.Open);
    }
}
