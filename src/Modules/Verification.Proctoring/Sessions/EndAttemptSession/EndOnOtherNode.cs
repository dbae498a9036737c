using Dapper;
using Npgsql;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Sessions.EndAttemptSession;

/// <summary>
/// Ends an attempt's session that another live node serves: asks that node through <see cref="SessionEndRequests"/>,
/// then waits for the session's end in the database, where the node stores it before answering its player.
/// </summary>
internal sealed class EndOnOtherNode(NpgsqlDataSource dataSource, SessionEndRequests requests)
{
    /// <summary>How long the caller waits for the other node's end (its queued frames are analysed first).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private const string OpenSql = """
        SELECT s.id FROM proctoring.sessions s
        WHERE s.learner_id = @LearnerId AND s.course_id = @CourseId AND s.assessment_id = @AssessmentId AND s.attempt = @Attempt AND s.status = 'open'
          AND EXISTS (SELECT 1 FROM proctoring.nodes n WHERE n.id = s.node_id AND n.lease_until > now())
        ORDER BY s.started_at DESC LIMIT 1
        """;

    private const string EndedSql = "SELECT verdict FROM proctoring.sessions WHERE id = @sessionId AND status <> 'open'";

    /// <summary>
    /// The session and its final verdict; the session and a null verdict when its node did not end it in time (Redis
    /// away); nulls when no live node serves an open session of the attempt.
    /// </summary>
    public async Task<AttemptSessionEnd> EndAsync(Contracts.EndAttemptSession command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sessionId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(OpenSql, command, cancellationToken: cancellationToken));
        if (sessionId is not { } id)
        {
            return new AttemptSessionEnd(null, null);
        }

        if (await requests.RequestAsync(id))
        {
            // A bounded number of looks, not a clock: the wait is about the other node's work, whatever this node's clock says.
            for (var look = 0; look < Wait / Poll; look++)
            {
                if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(EndedSql, new { sessionId = id }, cancellationToken: cancellationToken)) is { } verdict)
                {
                    return new AttemptSessionEnd(id, verdict);
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }

        return new AttemptSessionEnd(id, null);
    }
}
