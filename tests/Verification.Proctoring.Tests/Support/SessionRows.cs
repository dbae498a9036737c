using Dapper;
using Npgsql;

namespace Verification.Proctoring.Tests.Support;

/// <summary>What a session left in the database: its row, its review cases, and the verdicts its outbox delivered to the certificates module.</summary>
public static class SessionRows
{
    public sealed class Stored
    {
        public string Status { get; init; } = "";

        public string? Verdict { get; init; }

        public string[] Flags { get; init; } = [];

        public int Cases { get; init; }

        public int Frames { get; init; }

        public int Evidence { get; init; }
    }

    private const string Sql = """
        SELECT status AS "Status", verdict AS "Verdict", flag_kinds AS "Flags",
               (SELECT count(*)::int FROM proctoring.review_cases c WHERE c.session_id = s.id) AS "Cases",
               (SELECT count(*)::int FROM proctoring.session_frames f WHERE f.session_id = s.id) AS "Frames",
               (SELECT count(*)::int FROM proctoring.evidence_frames e WHERE e.session_id = s.id) AS "Evidence"
        FROM proctoring.sessions s WHERE id = @sessionId
        """;

    public static async Task<Stored> LoadAsync(NpgsqlDataSource dataSource, Guid sessionId)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.QuerySingleAsync<Stored>(Sql, new { sessionId });
    }

    /// <summary>Waits (up to a minute) until the session is no longer open; returns its row either way.</summary>
    public static async Task<Stored> WaitForEndAsync(NpgsqlDataSource dataSource, Guid sessionId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                var stored = await LoadAsync(dataSource, sessionId);
                if (stored.Status != "open" || DateTime.UtcNow > deadline)
                {
                    return stored;
                }
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                // The database may still be coming back.
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<int> CountAsync(NpgsqlDataSource dataSource, string sql, object parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<int>(sql, parameters);
    }

    /// <summary>
    /// The verdicts the outbox delivered to other modules (the certificates module) for the session, comma-separated:
    /// one <c>NeedsReview</c> when it was published exactly once; null while none was delivered.
    /// </summary>
    public static async Task<string?> DeliveredVerdictsAsync(NpgsqlDataSource dataSource, Guid sessionId)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var verdicts = (await connection.QueryAsync<string>("""
            SELECT payload->>'Verdict' FROM proctoring.outbox
            WHERE message_type = 'Verification.Proctoring.Contracts.SessionVerdictReached' AND (payload->>'SessionId')::uuid = @sessionId
              AND delivered_at IS NOT NULL
            ORDER BY id
            """, new { sessionId })).ToList();
        return verdicts.Count == 0 ? null : string.Join(',', verdicts);
    }

    /// <summary>Waits (up to 20 s) for the outbox to deliver the session's verdict to the certificates module.</summary>
    public static async Task<string?> WaitForCertificatesAsync(NpgsqlDataSource dataSource, Guid sessionId)
    {
        for (var i = 0; ; i++)
        {
            var state = await DeliveredVerdictsAsync(dataSource, sessionId);
            if (state is not null || i == 100)
            {
                return state;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
