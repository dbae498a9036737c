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
        ON CONFLICT (id) DO NOTHING
        """;

    public async ValueTask<LearnerRegistered> Handle(Contracts.RegisterLearner command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command.FullName);
        ArgumentException.ThrowIfNullOrWhiteSpace(command.Email);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql,
            new { command.LearnerId, fullName = command.FullName.Normalize(NormalizationForm.FormC).Trim(), command.Email, command.PartnerId, command.ExternalId, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        return new LearnerRegistered(command.LearnerId, inserted == 0);
    }
}
