using Dapper;
using Npgsql;

namespace Verification.BuildingBlocks.Audit;

/// <summary>
/// Appends to the audit log, each entry linked to the one before by an HMAC under <see cref="AuditKey"/>. Appends are
/// serialised by the row lock on the chain head, which the database moves with each appended entry.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, AuditKey key, TimeProvider timeProvider)
{
    /// <summary>The cut-over marker: the first keyed entry after entries that were chained without a key.</summary>
    public const string KeyedChainStarted = "audit.chain.keyed";

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
        // Locks the head as the audit schema's owner: the service's role holds no UPDATE on it.
        var head = await connection.QuerySingleAsync<(long Sequence, byte[] Hash)>(new CommandDefinition(
            "SELECT head_sequence, head_hash FROM audit.lock_head()", transaction: transaction, cancellationToken: cancellationToken));

        var id = Guid.CreateVersion7(timeProvider.GetUtcNow());
        var occurredAt = TruncateToMicroseconds(timeProvider.GetUtcNow());
        var hash = AuditHash.Compute(key, head.Hash, id, occurredAt, entry);
        var sequence = head.Sequence + 1;

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit.entries (sequence, id, occurred_at, actor, action, subject, data, previous_hash, hash, keyed)
            VALUES (@sequence, @id, @occurredAt, @Actor, @Action, @Subject, @Data, @previousHash, @hash, true)
            """,
            new { sequence, id, occurredAt, entry.Actor, entry.Action, entry.Subject, entry.Data, previousHash = head.Hash, hash },
            transaction,
            cancellationToken: cancellationToken));
        return sequence;
    }

    /// <summary>
    /// When the newest entry predates the keyed chain, appends the cut-over marker, whose HMAC then covers every
    /// unkeyed entry before it. Run at start-up, after the migrations.
    /// </summary>
    public async Task<bool> StartKeyedChainAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var last = await connection.QuerySingleOrDefaultAsync<(long Sequence, bool Keyed)?>(new CommandDefinition(
            "SELECT e.sequence, e.keyed FROM audit.lock_head() h JOIN audit.entries e ON e.sequence = h.head_sequence",
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (last is not { Keyed: false } unkeyed)
        {
            return false;
        }

        await AppendAsync(connection, transaction, new AuditEntry("system", KeyedChainStarted, "audit:chain", $$"""{"unkeyedThrough":{{unkeyed.Sequence}}}"""), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
