using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Verification.Proctoring.Reviews.ListReviewCases;

internal static class ListReviewCasesEndpoint
{
    public sealed record ReviewCaseSummary(Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, ReviewCasePriority Priority, ReviewCaseStatus Status, string[] Flags, DateTime OpenedAt);

    // Dapper hands text[] over as System.Array, which no record constructor takes; the flags travel as one string.
    private sealed record ReviewCaseRow(Guid CaseId, Guid SessionId, Guid LearnerId, Guid CourseId, string AssessmentId, string Priority, string Status, string FlagList, DateTime OpenedAt);

    // High before Normal before Low, then oldest first: the most urgent waiting case is at the top.
    private const string Sql = """
        SELECT c.id AS "CaseId", c.session_id AS "SessionId", c.learner_id AS "LearnerId", c.course_id AS "CourseId",
               s.assessment_id AS "AssessmentId", c.priority AS "Priority", c.status AS "Status", array_to_string(s.flag_kinds, ' ') AS "FlagList",
               c.opened_at AS "OpenedAt"
        FROM proctoring.review_cases c
        JOIN proctoring.sessions s ON s.id = c.session_id
        WHERE c.status = @status
        ORDER BY CASE c.priority WHEN 'High' THEN 0 WHEN 'Normal' THEN 1 ELSE 2 END, c.opened_at
        LIMIT 200
        """;

    public static void MapListReviewCases(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/", ListAsync)
            .WithTags("Review")
            .WithSummary("Review cases in a status (default open), most urgent first.");

    private static async Task<Ok<IReadOnlyList<ReviewCaseSummary>>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken, string status = "open")
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReviewCaseRow>(new CommandDefinition(Sql, new { status }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<ReviewCaseSummary>>([.. rows.Select(r => new ReviewCaseSummary(
            r.CaseId, r.SessionId, r.LearnerId, r.CourseId, r.AssessmentId, Enum.Parse<ReviewCasePriority>(r.Priority, ignoreCase: true), Enum.Parse<ReviewCaseStatus>(r.Status, ignoreCase: true), r.FlagList.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.OpenedAt))]);
    }
}
