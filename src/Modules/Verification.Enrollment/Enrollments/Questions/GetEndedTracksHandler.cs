using Dapper;
using Mediator;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Enrollments.Questions;

public sealed class GetEndedTracksHandler(NpgsqlDataSource dataSource) : IQueryHandler<GetEndedTracks, IReadOnlyList<EndedTracks>>
{
    private const string Sql = """
        SELECT learner_id AS "LearnerId", max(coalesce(removed_at, completed_at)) AS "LastEndedAt"
        FROM enrollment.enrollments
        WHERE learner_id = ANY(@ids) AND track = @track
        GROUP BY learner_id
        HAVING bool_and(completed_at IS NOT NULL OR removed_at IS NOT NULL)
        """;

    private sealed record Row(Guid LearnerId, DateTime LastEndedAt);

    public async ValueTask<IReadOnlyList<EndedTracks>> Handle(GetEndedTracks query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Sql, new { ids = query.LearnerIds.ToArray(), track = Tracks.ToColumn(EnrollmentTrack.Verified) }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new EndedTracks(r.LearnerId, new DateTimeOffset(DateTime.SpecifyKind(r.LastEndedAt, DateTimeKind.Utc))))];
    }
}
