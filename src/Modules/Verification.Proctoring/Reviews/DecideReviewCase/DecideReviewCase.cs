using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Ids;
using Verification.BuildingBlocks.Outbox;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Reviews.DecideReviewCase;

/// <summary>A reviewer's decision on a case, with its note; added to the case's history, audited and published.</summary>
internal sealed record DecideReviewCaseCommand(Guid CaseId, Guid ReviewerId, bool Senior, ReviewCaseDecision Decision, string Note);

internal sealed class DecideReviewCaseHandler(NpgsqlDataSource dataSource, AuditLog audit, Outbox outbox, TimeProvider time)
{
    // The decision is a new history row; the case keeps only where it stands now, and its claim ends with the decision.
    private const string Sql = """
        INSERT INTO proctoring.review_decisions (id, case_id, decision, note, reviewer_id, decided_at)
        VALUES (@id, @caseId, @decision, @note, @reviewerId, @now);
        UPDATE proctoring.review_cases
        SET status = @decision, decided_at = @now, claimed_by = NULL, claim_expires_at = NULL
        WHERE id = @caseId;
        """;

    public async Task<CaseGate> HandleAsync(DecideReviewCaseCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<GatedCase>(new CommandDefinition(
            GatedCase.SelectForUpdate, new { caseId = command.CaseId }, transaction, cancellationToken: cancellationToken));
        var gate = GatedCase.Check(row, command.ReviewerId, command.Senior, now);
        // A senior decides an escalated case; escalating it again would leave it where it is.
        if (gate == CaseGate.Open && row!.Status == "escalated" && command.Decision == ReviewCaseDecision.Escalated)
        {
            gate = CaseGate.Decided;
        }

        if (gate != CaseGate.Open)
        {
            return gate;
        }

        var decision = ReviewCaseDecisions.Name(command.Decision);
        var decisionId = TimeOrderedId.New(time);
        await connection.ExecuteAsync(new CommandDefinition(
            Sql, new { id = decisionId, caseId = command.CaseId, decision, note = command.Note, reviewerId = command.ReviewerId, now }, transaction, cancellationToken: cancellationToken));

        // The note may hold personal remarks, so the audit entry keeps only that one was written.
        var data = JsonSerializer.Serialize(new { decision, noteWritten = true });
        await audit.AppendAsync(connection, transaction, new AuditEntry($"staff:{command.ReviewerId}", "review.decided", $"case:{command.CaseId}", data), cancellationToken);
        await ProctoringOutbox.AppendAsync(connection, transaction, new ReviewCaseDecided(command.CaseId, row!.SessionId, row.LearnerId, row.CourseId, command.Decision, command.ReviewerId, decisionId), now);
        await transaction.CommitAsync(cancellationToken);
        // Through the outbox: a crash between the commit and the publish loses no decision.
        await outbox.DispatchAsync(ProctoringOutbox.Table, CancellationToken.None);
        return CaseGate.Open;
    }
}
