using System.Text;
using Dapper;
using Mediator;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Learners.RegisterLearner;

public sealed class RegisterLearnerHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.RegisterLearner, LearnerRegistered>
{
    private const string Sql = """
        INSERT INTO enrollment.learners (id, full_name, email, partner_id, external_id, created_at)
        VALUES (@LearnerId, @fullName, @Email, @PartnerId, @ExternalId, @now)
        ON CONFLICT DO NOTHING
        """;

    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM enrollment.learners WHERE id = @LearnerId)";

    public async ValueTask<LearnerRegistered> Handle(Contracts.RegisterLearner command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command.FullName);
        ArgumentException.ThrowIfNullOrWhiteSpace(command.Email);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql,
            new { command.LearnerId, fullName = command.FullName.Normalize(NormalizationForm.FormC).Trim(), command.Email, command.PartnerId, command.ExternalId, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            return new LearnerRegistered(command.LearnerId, false);
        }

        // Not inserted: the learner is there already, or another learner of the partner holds the email or external id.
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ExistsSql, new { command.LearnerId }, cancellationToken: cancellationToken));
        return new LearnerRegistered(command.LearnerId, exists, Taken: !exists);
    }
}
