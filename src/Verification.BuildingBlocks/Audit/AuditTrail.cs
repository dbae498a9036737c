using Dapper;
using Npgsql;

namespace Verification.BuildingBlocks.Audit;

/// <summary>One audited object's entries, oldest first: who did what to it and when (the data of an entry stays in the log).</summary>
public sealed record AuditTrailEntry(long Sequence, DateTime OccurredAt, string Actor, string Action);

/// <summary>Reads the audit log for one subject, so a module can show an object's trail without naming the audit schema.</summary>
public sealed class AuditTrail(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<AuditTrailEntry>> ReadAsync(IReadOnlyList<string> subjects, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditTrailEntry>(new CommandDefinition(
            """
            SELECT sequence AS "Sequence", occurred_at AS "OccurredAt", actor AS "Actor", action AS "Action"
            FROM audit.entries WHERE subject = ANY (@subjects) ORDER BY sequence LIMIT @limit
            """,
            new { subjects = subjects.ToArray(), limit },
            cancellationToken: cancellationToken));
        return [.. rows];
    }
}
