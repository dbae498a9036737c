using Dapper;
using Npgsql;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Reviews.ListReviewCases;

/// <summary>One case as the queue shows it. <see cref="HeldBy"/> is the reviewer whose claim has not lapsed, if any.</summary>
internal sealed record QueueItem(
    Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, ReviewCasePriority Priority, ReviewCaseStatus Status,
    string[] Flags, DateTime OpenedAt, long AgeSeconds, int EvidenceFrames, Guid? HeldBy, DateTime? HeldUntil, bool Appealed);

/// <summary>Cases per state under the same filters as the list; <see cref="Listed"/> is the count of the listed state.</summary>
internal sealed record QueueCounts(int Open, int Escalated, int Approved, int Rejected);

internal sealed record QueuePage(IReadOnlyList<QueueItem> Cases, QueueCounts Counts, int Listed);

internal sealed record QueueFilter(string Status, string? Flag, Guid? CourseId, ReviewCasePriority? Priority, int Limit);

/// <summary>
/// The queue and its counts, read in one snapshot (repeatable read) so the counts agree with the list: the listed
/// state's count is the number of cases the list holds, page by page.
/// </summary>
internal sealed class ReviewQueue(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Filters = """
        (@flag::text IS NULL OR @flag = ANY (s.flag_kinds))
        AND (@courseId::uuid IS NULL OR c.course_id = @courseId)
        AND (@priority::text IS NULL OR c.priority = @priority)
        """;

    // High before Normal before Low, then oldest first: the most urgent waiting case is at the top.
    private const string ListSql = $"""
        SELECT c.id AS "CaseId", c.session_id AS "SessionId", c.learner_id AS "LearnerId", c.course_id AS "CourseId",
               s.assessment_id AS "AssessmentId", c.priority AS "Priority", c.status AS "Status",
               array_to_string(s.flag_kinds, ' ') AS "FlagList", c.opened_at AS "OpenedAt",
               (SELECT count(*) FROM proctoring.evidence_frames e WHERE e.session_id = c.session_id)::int AS "EvidenceFrames",
               CASE WHEN c.claim_expires_at > @now THEN c.claimed_by END AS "HeldBy",
               CASE WHEN c.claim_expires_at > @now THEN c.claim_expires_at END AS "HeldUntil",
               c.appealed_at IS NOT NULL AS "Appealed"
        FROM proctoring.review_cases c
        JOIN proctoring.sessions s ON s.id = c.session_id
        WHERE c.status = @status AND {Filters}
        ORDER BY CASE c.priority WHEN 'High' THEN 0 WHEN 'Normal' THEN 1 ELSE 2 END, c.opened_at, c.id
        LIMIT @limit
        """;

    private const string CountSql = $"""
        SELECT count(*) FILTER (WHERE c.status = 'open')::int AS "Open",
               count(*) FILTER (WHERE c.status = 'escalated')::int AS "Escalated",
               count(*) FILTER (WHERE c.status = 'approved')::int AS "Approved",
               count(*) FILTER (WHERE c.status = 'rejected')::int AS "Rejected"
        FROM proctoring.review_cases c
        JOIN proctoring.sessions s ON s.id = c.session_id
        WHERE {Filters}
        """;

    private sealed record Row(
        Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, string Priority, string Status, string FlagList,
        DateTime OpenedAt, int EvidenceFrames, Guid? HeldBy, DateTime? HeldUntil, bool Appealed);

    public async Task<QueuePage> ReadAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var parameters = new { filter.Status, filter.Flag, filter.CourseId, priority = filter.Priority?.ToString(), limit = filter.Limit, now };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, parameters, transaction, cancellationToken: cancellationToken));
        var counts = await connection.QuerySingleAsync<QueueCounts>(new CommandDefinition(CountSql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        var items = rows.Select(r => new QueueItem(
            r.CaseId, r.SessionId, r.LearnerId, r.CourseId, r.AssessmentId, Enum.Parse<ReviewCasePriority>(r.Priority), StatusOf(r.Status),
            r.FlagList.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.OpenedAt, (long)(now.UtcDateTime - r.OpenedAt).TotalSeconds,
            r.EvidenceFrames, r.HeldBy, r.HeldUntil, r.Appealed)).ToList();
        var listed = filter.Status switch
        {
            "open" => counts.Open,
            "escalated" => counts.Escalated,
            "approved" => counts.Approved,
            _ => counts.Rejected,
        };
        return new QueuePage(items, counts, listed);
    }

    public static ReviewCaseStatus StatusOf(string status) => status switch
    {
        "open" => ReviewCaseStatus.Open,
        "escalated" => ReviewCaseStatus.Escalated,
        "approved" => ReviewCaseStatus.Approved,
        _ => ReviewCaseStatus.Rejected,
    };
}
