using Dapper;
using Mediator;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Reviewers.IssueReviewerPassword;

public sealed class IssueReviewerPasswordHandler(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
    : ICommandHandler<Contracts.IssueReviewerPassword, ReviewerPasswordIssued>
{
    private const string Sql = """
        INSERT INTO proctoring.reviewers (id, display_name, email, password_hash, password_one_time, created_at)
        VALUES (@ReviewerId, @DisplayName, @Email, @hash, true, @now)
        ON CONFLICT (id) DO UPDATE SET password_hash = EXCLUDED.password_hash
            WHERE proctoring.reviewers.password_one_time
        """;

    public async ValueTask<ReviewerPasswordIssued> Handle(Contracts.IssueReviewerPassword command, CancellationToken cancellationToken)
    {
        var password = PasswordHasher.NewOneTimePassword();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            Sql,
            new { command.ReviewerId, command.DisplayName, command.Email, hash = PasswordHasher.Hash(password), now = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await audit.AppendAsync(connection, transaction, new AuditEntry("system", "reviewer.one_time_password_issued", $"reviewer:{command.ReviewerId}", "{}"), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ReviewerPasswordIssued(command.ReviewerId, changed > 0 ? password : null);
    }
}
