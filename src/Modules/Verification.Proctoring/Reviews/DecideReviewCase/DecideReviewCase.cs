using System.Text.Json;
using Dapper;
using Verification.BuildingBlocks.Outbox;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Reviews.DecideReviewCase;

/// <summary>A reviewer's decision on an open or escalated case, with a note; audited and published.</summary>
internal sealed record DecideReviewCaseCommand(Guid CaseId, Guid ReviewerId, string Decision, string Note);

internal enum DecideOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
    InvalidDecision,
}

internal sealed class DecideReviewCaseHandler(NpgsqlDataSource dataSource, AuditLog audit, Outbox outbox, TimeProvider time)
{
    private static readonly string[] Decisions = ["approved", "rejected", "escalated"];

    private const string Sql = """
        UPDATE proctoring.review_cases
        SET status = @Decision, decided_at = @now, decided_by = @ReviewerId, note = @Note
        WHERE id = @CaseId AND status IN ('open', 'escalated')
        RETURNING session_id AS "SessionId", learner_id AS "LearnerId", course_id AS "CourseId"
        """;

    public async Task<DecideOutcome> HandleAsync(DecideReviewCaseCommand command, CancellationToken cancellationToken)
    {
        if (!Decisions.Contains(command.Decision))
        {
            return DecideOutcome.InvalidDecision;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var decided = await connection.QuerySingleOrDefaultAsync<(Guid SessionId, Guid LearnerId, Guid CourseId)?>(new CommandDefinition(
            Sql, new { command.CaseId, command.ReviewerId, command.Decision, command.Note, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (decided is not { } row)
        {
            var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM proctoring.review_cases WHERE id = @CaseId)", new { command.CaseId }, transaction, cancellationToken: cancellationToken));
            return exists ? DecideOutcome.AlreadyDecided : DecideOutcome.NotFound;
        }

        // The note may hold personal remarks, so the audit entry keeps only that one was written.
        var data = JsonSerializer.Serialize(new { decision = command.Decision, noteWritten = command.Note.Length > 0 });
        await audit.AppendAsync(connection, transaction, new AuditEntry($"reviewer:{command.ReviewerId}", "review.decided", $"case:{command.CaseId}", data), cancellationToken);
        await ProctoringOutbox.AppendAsync(connection, transaction, new ReviewCaseDecided(command.CaseId, row.SessionId, row.LearnerId, row.CourseId, command.Decision, command.ReviewerId), time.GetUtcNow());
        await transaction.CommitAsync(cancellationToken);
        // Through the outbox: a crash between the commit and the publish loses no decision.
        await outbox.DispatchAsync(CancellationToken.None);
        return DecideOutcome.Decided;
    }
}
