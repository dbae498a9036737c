using Dapper;
using Npgsql;
using Verification.Proctoring.Sessions.Nodes;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>
/// Moves an open session whose node's lease has run out to this node, and reads back what its evidence was built from.
/// The move is a conditional update on the owner read a moment before: of two nodes racing for one session, one wins;
/// a session whose owner still holds its lease is never moved.
/// </summary>
internal sealed class SessionTakeoverStore(NpgsqlDataSource dataSource, ProctoringNode node)
{
    private const string OwnerSql = """
        SELECT s.status AS "Status", s.node_id AS "NodeId", s.course_id AS "CourseId", s.assessment_id AS "AssessmentId",
               s.attempt AS "Attempt", s.token_id AS "TokenId", s.started_at AS "StartedAt", s.failed_frames AS "FailedFrames",
               EXISTS (SELECT 1 FROM proctoring.nodes n WHERE n.id = s.node_id AND n.lease_until > now()) AS "OwnerLive"
        FROM proctoring.sessions s WHERE s.id = @sessionId AND s.learner_id = @learnerId
        """;

    private const string MoveSql = """
        UPDATE proctoring.sessions s SET node_id = @me
        WHERE s.id = @sessionId AND s.status = 'open' AND s.node_id IS NOT DISTINCT FROM @previous
          AND NOT EXISTS (SELECT 1 FROM proctoring.nodes n WHERE n.id = s.node_id AND n.lease_until > now())
        """;

    private const string FramesSql = """
        SELECT frame AS "Frame", received_at AS "ReceivedAt", faces_found AS "FacesFound", match_score AS "MatchScore",
               liveness AS "Liveness", brightness AS "Brightness", frozen AS "Frozen", observed AS "Observed", shed_before AS "ShedBefore"
        FROM proctoring.session_frames WHERE session_id = @sessionId ORDER BY frame
        """;

    private const string TypingSql = """
        SELECT check_number AS "Check", log_likelihood_ratio AS "LogLikelihoodRatio"
        FROM proctoring.typing_checks WHERE session_id = @sessionId ORDER BY check_number
        """;

    public async Task<StoredOwner?> OwnerAsync(Guid sessionId, Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredOwner>(new CommandDefinition(OwnerSql, new { sessionId, learnerId }, cancellationToken: cancellationToken));
    }

    /// <summary>True when this node now owns the session; false when another node took it first or its owner came back.</summary>
    public async Task<bool> MoveHereAsync(Guid sessionId, Guid? previous, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(MoveSql, new { sessionId, previous, me = node.Id }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<(IReadOnlyList<StoredFrame> Frames, IReadOnlyList<StoredTypingCheck> TypingChecks)> EvidenceAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var frames = await connection.QueryAsync<StoredFrame>(new CommandDefinition(FramesSql, new { sessionId }, cancellationToken: cancellationToken));
        var checks = await connection.QueryAsync<StoredTypingCheck>(new CommandDefinition(TypingSql, new { sessionId }, cancellationToken: cancellationToken));
        return ([.. frames], [.. checks]);
    }

    internal sealed class StoredOwner
    {
        public string Status { get; init; } = "";

        public Guid? NodeId { get; init; }

        public Guid CourseId { get; init; }

        public string AssessmentId { get; init; } = "";

        public int Attempt { get; init; }

        public Guid? TokenId { get; init; }

        public DateTime StartedAt { get; init; }

        public int[] FailedFrames { get; init; } = [];

        public bool OwnerLive { get; init; }
    }

    internal sealed class StoredFrame
    {
        public int Frame { get; init; }

        public DateTime ReceivedAt { get; init; }

        public int FacesFound { get; init; }

        public float? MatchScore { get; init; }

        public float? Liveness { get; init; }

        public float? Brightness { get; init; }

        public bool Frozen { get; init; }

        public bool Observed { get; init; }

        public int[] ShedBefore { get; init; } = [];
    }

    internal sealed class StoredTypingCheck
    {
        public int Check { get; init; }

        public double? LogLikelihoodRatio { get; init; }
    }
}
