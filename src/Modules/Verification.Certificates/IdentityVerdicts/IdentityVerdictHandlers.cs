using Dapper;
using Mediator;
using Npgsql;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.IdentityVerdicts;

/// <summary>Keeps certificates' own copy of identity verdicts, so a certificate is held while a review is open and revoked after a rejection.</summary>
public sealed class IdentityVerdictHandlers(NpgsqlDataSource dataSource, TimeProvider time)
    : INotificationHandler<SessionVerdictReached>, INotificationHandler<ReviewCaseDecided>
{
    private const string Sql = """
        INSERT INTO certificates.identity_verdicts (session_id, learner_id, course_id, state, updated_at)
        VALUES (@sessionId, @learnerId, @courseId, @state, @now)
        ON CONFLICT (session_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
        """;

    public ValueTask Handle(SessionVerdictReached notification, CancellationToken cancellationToken) =>
        SaveAsync(notification.SessionId, notification.LearnerId, notification.CourseId, notification.Verdict == "Verified" ? "verified" : "needs_review", cancellationToken);

    public ValueTask Handle(ReviewCaseDecided notification, CancellationToken cancellationToken) =>
        SaveAsync(notification.SessionId, notification.LearnerId, notification.CourseId, notification.Decision, cancellationToken);

    private async ValueTask SaveAsync(Guid sessionId, Guid learnerId, Guid courseId, string state, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { sessionId, learnerId, courseId, state, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }
}
