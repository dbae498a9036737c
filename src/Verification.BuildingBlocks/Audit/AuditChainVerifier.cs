using Dapper;
using Npgsql;

namespace Verification.BuildingBlocks.Audit;

/// <summary>Walks the audit log in sequence order and reports every entry that was changed, removed or moved.</summary>
public sealed class AuditChainVerifier(NpgsqlDataSource dataSource, AuditKey key)
{
    private sealed record Row(long Sequence, Guid Id, DateTime OccurredAt, string Actor, string Action, string Subject, string Data, byte[] PreviousHash, byte[] Hash, bool Keyed);

    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var head = await connection.QuerySingleAsync<(long Sequence, byte[] Hash)>(new CommandDefinition(
            "SELECT sequence, hash FROM audit.chain_head WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT sequence AS "Sequence", id AS "Id", occurred_at AS "OccurredAt", actor AS "Actor", action AS "Action",
                   subject AS "Subject", data AS "Data", previous_hash AS "PreviousHash", hash AS "Hash", keyed AS "Keyed"
            FROM audit.entries ORDER BY sequence
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));

        var breaks = new List<AuditChainBreak>();
        var expectedSequence = 1L;
        byte[] previousHash = new byte[AuditHash.Size];
        long count = 0;
        long unkeyed = 0;
        var keyedSeen = false;
        var lastKeyed = true;
        foreach (var row in rows)
        {
            count++;
            var gap = row.Sequence != expectedSequence;
            for (var missing = expectedSequence; missing < row.Sequence; missing++)
            {
                breaks.Add(new AuditChainBreak(missing, AuditChainBreakKind.Missing));
            }

            var occurredAt = new DateTimeOffset(DateTime.SpecifyKind(row.OccurredAt, DateTimeKind.Utc));
            var entry = new AuditEntry(row.Actor, row.Action, row.Subject, row.Data);
            var recomputed = row.Keyed
                ? AuditHash.Compute(key, row.PreviousHash, row.Id, occurredAt, entry)
                : AuditHash.ComputeUnkeyed(row.PreviousHash, row.Id, occurredAt, entry);
            // Unkeyed links exist only before the keyed chain began; one after it was rewritten without the key.
            if (!recomputed.AsSpan().SequenceEqual(row.Hash) || (!row.Keyed && keyedSeen))
            {
                breaks.Add(new AuditChainBreak(row.Sequence, AuditChainBreakKind.Modified));
            }
            else if (!gap && !row.PreviousHash.AsSpan().SequenceEqual(previousHash))
            {
                breaks.Add(new AuditChainBreak(row.Sequence, AuditChainBreakKind.OutOfOrder));
            }

            keyedSeen |= row.Keyed;
            lastKeyed = row.Keyed;
            unkeyed += row.Keyed ? 0 : 1;
            previousHash = row.Hash;
            expectedSequence = row.Sequence + 1;
        }

        if (head.Sequence >= expectedSequence || (head.Sequence == expectedSequence - 1 && !head.Hash.AsSpan().SequenceEqual(previousHash)))
        {
            for (var missing = expectedSequence; missing <= head.Sequence; missing++)
            {
                breaks.Add(new AuditChainBreak(missing, AuditChainBreakKind.Missing));
            }

            if (head.Sequence == expectedSequence - 1)
            {
                breaks.Add(new AuditChainBreak(head.Sequence, AuditChainBreakKind.Modified));
            }
        }

        if (!lastKeyed)
        {
            breaks.Add(new AuditChainBreak(expectedSequence - 1, AuditChainBreakKind.NotKeyed));
        }

        return new AuditChainReport(count, unkeyed, head.Sequence, Convert.ToHexStringLower(head.Hash), [.. breaks.OrderBy(b => b.Sequence)]);
    }
}
