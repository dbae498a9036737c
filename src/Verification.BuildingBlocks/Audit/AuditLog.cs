using Dapper;
using Npgsql;

namespace Verification.BuildingBlocks.Audit;

/// <summary>Appends to the hash-chained audit log. Appends are serialised by the row lock on the chain head.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    public async Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sequence = await AppendAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sequence;
    }

    /// <summary>Appends inside the caller's transaction, so the audit entry commits or rolls back with the change it records.</summary>
    public async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var head = await connection.QuerySingleAsync<(long Sequence, byte[] Hash)>(new CommandDefinition(
            "SELECT sequence, hash FROM audit.chain_head WHERE id = 1 FOR UPDATE", transaction: transaction, cancellationToken: cancellationToken));

        var id = Guid.CreateVersion7(timeProvider.GetUtcNow());
        var occurredAt = TruncateToMicroseconds(timeProvider.GetUtcNow());
        var hash = AuditHash.Compute(head.Hash, id, occurredAt, entry);
        var sequence = head.Sequence + 1;

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit.entries (sequence, id, occurred_at, actor, action, subject, data, previous_hash, hash)
            VALUES (@sequence, @id, @occurredAt, @Actor, @Action, @Subject, @Data, @previousHash, @hash);
            UPDATE audit.chain_head SET sequence = @sequence, hash = @hash WHERE id = 1;
            """,
            new { sequence, id, occurredAt, entry.Actor, entry.Action, entry.Subject, entry.Data, previousHash = head.Hash, hash },
            transaction,
            cancellationToken: cancellationToken));
        return sequence;
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
