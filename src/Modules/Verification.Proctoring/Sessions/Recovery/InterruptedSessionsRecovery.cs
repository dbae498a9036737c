using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Matching.Fusion;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Sessions.Verdicts;

namespace Verification.Proctoring.Sessions.Recovery;

/// <summary>
/// At start, closes the sessions a crash or kill left <c>open</c>: status <c>interrupted</c>, verdict NeedsReview with
/// <c>SessionInterrupted</c> naming the frames recorded and how long they ran, a review case, and the outbox messages.
/// Recorded frames and kept evidence stay with the session. Sessions live on one node: with several nodes sharing a
/// database, this would also close sessions another node is serving (docs/player-protocol.md §8).
/// </summary>
internal sealed class InterruptedSessionsRecovery(NpgsqlDataSource dataSource, PendingVerdicts verdicts, TimeProvider time, ILogger<InterruptedSessionsRecovery> logger)
    : IHostedService
{
    private const string OpenSql = """
        SELECT s.id AS "SessionId", s.learner_id AS "LearnerId", s.course_id AS "CourseId", s.assessment_id AS "AssessmentId",
               s.started_at AS "StartedAt", max(f.received_at) AS "LastFrameAt", coalesce(array_agg(f.frame ORDER BY f.frame) FILTER (WHERE f.frame IS NOT NULL), '{}'::integer[]) AS "Frames"
        FROM proctoring.sessions s LEFT JOIN proctoring.session_frames f ON f.session_id = s.id
        WHERE s.status = 'open'
        GROUP BY s.id
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<OpenSession> open;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            open = [.. await connection.QueryAsync<OpenSession>(new CommandDefinition(OpenSql, cancellationToken: cancellationToken))];
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Sessions left open by a stop could not be listed ({Reason}); they are closed at the next start", ex.Message);
            return;
        }

        foreach (var session in open)
        {
            var verdict = SessionEvidence.Interrupted(session.Frames, session.StartedAt, session.LastFrameAt, time.GetUtcNow());
            await verdicts.WriteAsync(new SessionOutcome(session.SessionId, session.LearnerId, session.CourseId, session.AssessmentId, "interrupted", verdict, session.Frames.Length, 0));
            logger.LogWarning("Session {SessionId} was left open by a stop; closed as interrupted with {Frames} recorded frames", session.SessionId, session.Frames.Length);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class OpenSession
    {
        public Guid SessionId { get; init; }

        public Guid LearnerId { get; init; }

        public Guid CourseId { get; init; }

        public string AssessmentId { get; init; } = "";

        public DateTime StartedAt { get; init; }

        public DateTime? LastFrameAt { get; init; }

        public int[] Frames { get; init; } = [];
    }
}
