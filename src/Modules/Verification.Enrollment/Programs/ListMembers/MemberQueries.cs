using Dapper;
using Npgsql;

namespace Verification.Enrollment.Programs.ListMembers;

internal sealed record MemberView(
    Guid MemberId,
    string FullName,
    string Email,
    string? ExternalId,
    string State,
    Guid ContractId,
    DateTimeOffset InvitedAt,
    DateTimeOffset? JoinedAt,
    DateTimeOffset? RemovedAt,
    DateTimeOffset? LastActivityAt,
    bool Inactive,
    bool AtRisk);

/// <summary>
/// Members with the guide's two filters. Inactive: a MEMBER with no course activity in the program for the configured
/// days (counted from joining when there was none). At risk: a MEMBER who missed a curriculum deadline (not completed
/// by its due date) or whose latest result on a graded item of a program course is a fail.
/// </summary>
internal static class MemberQueries
{
    private const string Sql = """
        WITH activity AS (
            SELECT m.id, coalesce((SELECT max(e.last_activity_at) FROM enrollment.enrollments e
                                   WHERE e.learner_id = m.learner_id AND e.program_id = m.program_id), m.joined_at) AS last_activity_at
            FROM enrollment.program_members m WHERE m.program_id = @programId
        )
        SELECT m.id AS MemberId, m.full_name AS FullName, m.email AS Email, m.external_id AS ExternalId, m.state AS State, m.contract_id AS ContractId,
               m.invited_at AS InvitedAt, m.joined_at AS JoinedAt, m.removed_at AS RemovedAt, a.last_activity_at AS LastActivityAt,
               (m.state = 'MEMBER' AND a.last_activity_at <= @inactiveBefore) AS Inactive,
               (m.state = 'MEMBER' AND (
                   EXISTS (SELECT 1 FROM enrollment.enrollments e JOIN enrollment.graded_item_results r ON r.enrollment_id = e.id
                           WHERE e.learner_id = m.learner_id AND e.program_id = m.program_id AND NOT r.passed)
                OR EXISTS (SELECT 1 FROM enrollment.enrollments e JOIN enrollment.program_curriculum c ON c.program_id = e.program_id
                               AND (c.course_id = e.course_id OR c.specialization_id = e.specialization_id)
                           WHERE e.learner_id = m.learner_id AND e.program_id = m.program_id AND e.completed_at IS NULL AND c.due_on < @today::date))) AS AtRisk
        FROM enrollment.program_members m JOIN activity a ON a.id = m.id
        WHERE m.program_id = @programId
        ORDER BY m.invited_at, m.email
        """;

    public static async Task<IReadOnlyList<MemberView>> ListAsync(NpgsqlConnection connection, Guid programId, DateTimeOffset now, int inactiveAfterDays, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new
        {
            programId,
            inactiveBefore = now.AddDays(-inactiveAfterDays),
            today = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToView())];
    }

    private sealed class Row
    {
        public Guid MemberId { get; init; }
        public string FullName { get; init; } = "";
        public string Email { get; init; } = "";
        public string? ExternalId { get; init; }
        public string State { get; init; } = "";
        public Guid ContractId { get; init; }
        public DateTime InvitedAt { get; init; }
        public DateTime? JoinedAt { get; init; }
        public DateTime? RemovedAt { get; init; }
        public DateTime? LastActivityAt { get; init; }
        public bool Inactive { get; init; }
        public bool AtRisk { get; init; }

        public MemberView ToView() => new(MemberId, FullName, Email, ExternalId, State, ContractId, Utc(InvitedAt), Opt(JoinedAt), Opt(RemovedAt), Opt(LastActivityAt), Inactive, AtRisk);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

        private static DateTimeOffset? Opt(DateTime? value) => value is { } v ? Utc(v) : null;
    }
}
