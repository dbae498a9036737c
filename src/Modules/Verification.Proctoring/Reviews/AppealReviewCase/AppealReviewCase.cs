using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Ids;
using Verification.BuildingBlocks.Outbox;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Privacy.Retention;

namespace Verification.Proctoring.Reviews.AppealReviewCase;

internal enum AppealOutcome
{
    Appealed,
    NotFound,
    AlreadyAppealed,
    NotRejected,
    WindowClosed,
}

/// <summary>
/// A learner's one appeal against a rejection: the case opens again, for any reviewer but the one who rejected it.
/// The rejection stays in the history; the appeal's outcome is a new decision. It is taken only while the case's
/// evidence is kept (<see cref="RetentionSettings.EvidenceGraceDays"/> after the rejection): after that the retention
/// job has purged the frames, and an appeal would be decided on nothing.
/// </summary>
internal sealed class AppealReviewCaseHandler(NpgsqlDataSource dataSource, AuditLog audit, Outbox outbox, RetentionSettings retention, TimeProvider time)
{
    private const string Sql = """
        UPDATE proctoring.review_cases c
        SET status = 'open', appealed_at = @now, appeal_reason = @reason, claimed_by = NULL, claim_expires_at = NULL,
            appeal_excludes = (SELECT d.reviewer_id FROM proctoring.review_decisions d
                               WHERE d.case_id = c.id AND d.decision = 'rejected' ORDER BY d.sequence DESC LIMIT 1)
        WHERE c.id = @caseId AND c.learner_id = @learnerId AND c.status = 'rejected' AND c.appealed_at IS NULL
          AND c.decided_at > @now - make_interval(days => @graceDays)
        RETURNING c.session_id, c.course_id
        """;

    public async Task<AppealOutcome> HandleAsync(Guid learnerId, Guid caseId, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var appealed = await connection.QuerySingleOrDefaultAsync<(Guid SessionId, Guid CourseId)?>(new CommandDefinition(
            Sql, new { caseId, learnerId, reason, now, graceDays = retention.EvidenceGraceDays }, transaction, cancellationToken: cancellationToken));
        if (appealed is not { } session)
        {
            var row = await connection.QuerySingleOrDefaultAsync<(string Status, DateTime? AppealedAt)?>(new CommandDefinition(
                "SELECT status, appealed_at FROM proctoring.review_cases WHERE id = @caseId AND learner_id = @learnerId",
                new { caseId, learnerId }, transaction, cancellationToken: cancellationToken));
            return row switch
            {
                null => AppealOutcome.NotFound,
                { AppealedAt: not null } => AppealOutcome.AlreadyAppealed,
                { Status: "rejected" } => AppealOutcome.WindowClosed,
                _ => AppealOutcome.NotRejected,
            };
        }

        // The reason is the learner's own words; the audit entry records only that an appeal was made.
        await audit.AppendAsync(connection, transaction, new AuditEntry($"learner:{learnerId}", "review.appealed", $"case:{caseId}", "{}"), cancellationToken);
        await ProctoringOutbox.AppendAsync(connection, transaction, new ReviewCaseAppealed(TimeOrderedId.New(time), caseId, session.SessionId, learnerId, session.CourseId), now);
        await transaction.CommitAsync(cancellationToken);
        await outbox.DispatchAsync(ProctoringOutbox.Table, CancellationToken.None);
        return AppealOutcome.Appealed;
    }
}
