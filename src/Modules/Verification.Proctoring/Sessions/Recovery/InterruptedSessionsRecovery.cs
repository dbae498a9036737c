using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Matching.Fusion;
using Verification.Proctoring.Sessions.Nodes;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Sessions.Verdicts;

namespace Verification.Proctoring.Sessions.Recovery;

/// <summary>
/// At start and then every heartbeat, closes the sessions a crash or kill left <c>open</c>: those whose node's lease ran
/// out more than <see cref="NodeSettings.ResumeGraceSeconds"/> ago, so no player resumed them on another node in that
/// window (docs/operations.md, "Several nodes"). A session taken over meanwhile is left alone: it is closed only while
/// it still names the dead node. Each gets status <c>interrupted</c>, verdict NeedsReview with
/// <c>SessionInterrupted</c> naming the frames recorded and how long they ran, a review case, and the outbox messages.
/// Recorded frames and kept evidence stay with the session. Sessions of live nodes, this one included, are left alone.
/// </summary>
internal sealed class InterruptedSessionsRecovery(
    NpgsqlDataSource dataSource,
    PendingVerdicts verdicts,
    ProctoringNode node,
    NodeSettings settings,
    TimeProvider time,
    ILogger<InterruptedSessionsRecovery> logger) : BackgroundService
{
    private const string OpenSql = """
        SELECT s.id AS "SessionId", s.node_id AS "NodeId", s.learner_id AS "LearnerId", s.course_id AS "CourseId", s.assessment_id AS "AssessmentId",
               s.started_at AS "StartedAt", max(f.received_at) AS "LastFrameAt", coalesce(array_agg(f.frame ORDER BY f.frame) FILTER (WHERE f.frame IS NOT NULL), '{}'::integer[]) AS "Frames"
        FROM proctoring.sessions s LEFT JOIN proctoring.session_frames f ON f.session_id = s.id
        WHERE s.status = 'open' AND s.node_id IS DISTINCT FROM @node
          AND NOT EXISTS (SELECT 1 FROM proctoring.nodes n WHERE n.id = s.node_id AND n.lease_until > now() - make_interval(secs => @grace))
        GROUP BY s.id
        """;

    /// <summary>The first sweep runs before the Host serves: sessions a crash left open are closed before new ones start.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.HeartbeatSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<OpenSession> open;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            open = [.. await connection.QueryAsync<OpenSession>(new CommandDefinition(OpenSql, new { node = node.Id, grace = (double)settings.ResumeGraceSeconds }, cancellationToken: cancellationToken))];
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Sessions left open by a stop could not be listed ({Reason}); they are closed at the next sweep", ex.Message);
            return;
        }

        foreach (var session in open)
        {
            var verdict = SessionEvidence.Interrupted(session.Frames, session.StartedAt, session.LastFrameAt, time.GetUtcNow());
            await verdicts.WriteAsync(new SessionOutcome(session.SessionId, session.LearnerId, session.CourseId, session.AssessmentId, "interrupted", verdict, session.Frames.Length, 0, session.NodeId));
            logger.LogWarning("Session {SessionId} was left open by a stop; closed as interrupted with {Frames} recorded frames", session.SessionId, session.Frames.Length);
        }
    }

    private sealed class OpenSession
    {
        public Guid SessionId { get; init; }

        public Guid? NodeId { get; init; }

        public Guid LearnerId { get; init; }

        public Guid CourseId { get; init; }

        public string AssessmentId { get; init; } = "";

        public DateTime StartedAt { get; init; }

        public DateTime? LastFrameAt { get; init; }

        public int[] Frames { get; init; } = [];
    }
}
