using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Proctoring.Reviews.ClaimReviewCase;

/// <summary>Takes a case for one reviewer until the claim lapses, or gives it back. The row lock makes one of two racing claims lose.</summary>
internal sealed class ClaimReviewCaseHandler(NpgsqlDataSource dataSource, AuditLog audit, ReviewSettings settings, TimeProvider time)
{
    public async Task<(CaseGate Gate, DateTimeOffset? Until)> ClaimAsync(Guid caseId, Guid reviewerId, bool senior, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<GatedCase>(new CommandDefinition(
            GatedCase.SelectForUpdate, new { caseId }, transaction, cancellationToken: cancellationToken));
        var gate = GatedCase.Check(row, reviewerId, senior, now);
        if (gate != CaseGate.Open)
        {
            return (gate, null);
        }

        var until = now + settings.ClaimDuration;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE proctoring.review_cases SET claimed_by = @reviewerId, claim_expires_at = @until WHERE id = @caseId",
            new { caseId, reviewerId, until }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction, new AuditEntry($"staff:{reviewerId}", "review.claimed", $"case:{caseId}", "{}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (CaseGate.Open, until);
    }

    /// <summary>Gives back the caller's own claim; false when they held none.</summary>
    public async Task<bool> ReleaseAsync(Guid caseId, Guid reviewerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE proctoring.review_cases SET claimed_by = NULL, claim_expires_at = NULL WHERE id = @caseId AND claimed_by = @reviewerId",
            new { caseId, reviewerId }, cancellationToken: cancellationToken)) == 1;
    }
}
