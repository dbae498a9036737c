using Dapper;
using Mediator;
using Npgsql;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>
/// Notes on a learner's certificates that their identity evidence was erased, and remembers the erasure so that a
/// certificate issued later carries the note too (<see cref="CertificateChange"/>). Nothing is recomputed: a
/// certificate issued on verified sessions stays valid after the evidence of those sessions is erased.
/// </summary>
public sealed class IdentityEvidenceErasure(NpgsqlDataSource dataSource) : INotificationHandler<LearnerIdentityEvidenceErased>
{
    public async ValueTask Handle(LearnerIdentityEvidenceErased notification, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certificates.erased_learners (learner_id, erased_at) VALUES (@LearnerId, @ErasedAt)
            ON CONFLICT (learner_id) DO NOTHING;
            UPDATE certificates.certificates SET identity_evidence_erased_at = @ErasedAt
            WHERE learner_id = @LearnerId AND identity_evidence_erased_at IS NULL
            """,
            notification,
            cancellationToken: cancellationToken));
    }
}
