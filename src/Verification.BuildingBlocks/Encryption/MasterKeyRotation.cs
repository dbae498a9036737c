using Npgsql;

namespace Verification.BuildingBlocks.Encryption;

/// <summary>
/// Re-wraps every ciphertext still under a retired master key (a listed key other than <c>Encryption:ActiveKeyId</c>)
/// under the active one, column by column, in small committed batches. Each batch locks only its own rows and skips
/// rows another node or a writer holds, so serving never waits long; readers open each row with whichever listed key
/// it names, so every row stays readable before, during and after. The progress lives in the rows themselves: a run
/// stopped anywhere (a crash, a restart) leaves each row under one key or the other, and the next run finishes.
/// </summary>
public sealed class MasterKeyRotation(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, IReadOnlyList<SealedColumn> columns)
{
    public const int DefaultBatchSize = 200;

    public IReadOnlyList<SealedColumn> Columns => columns;

    public string ActiveKeyId => encryption.ActiveKeyId;

    /// <summary>How many rows of each column name each master key, and how many name a key this node does not hold.</summary>
    public async Task<IReadOnlyList<SealedColumnStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        var statuses = new List<SealedColumnStatus>(columns.Count);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var column in columns)
        {
            var active = 0L;
            var retired = 0L;
            await using var command = new NpgsqlCommand(
                $"SELECT {column.KeyIdColumn} = @active, count(*) FROM {column.Table} WHERE {column.KeyIdColumn} = ANY(@listed) GROUP BY 1",
                connection);
            command.Parameters.AddWithValue("active", encryption.ActiveKeyId);
            command.Parameters.AddWithValue("listed", (string[])[encryption.ActiveKeyId, .. encryption.RetiredKeyIds]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetBoolean(0))
                {
                    active = reader.GetInt64(1);
                }
                else
                {
                    retired = reader.GetInt64(1);
                }
            }

            statuses.Add(new SealedColumnStatus(column, active, retired));
        }

        return statuses;
    }

    /// <summary>Rows still under a retired key, all columns together.</summary>
    public async Task<long> RemainingAsync(CancellationToken cancellationToken) =>
        (await StatusAsync(cancellationToken)).Sum(s => s.UnderRetiredKeys);

    /// <summary>
    /// Re-wraps one batch of <paramref name="column"/>; answers how many rows it changed. Zero means none was left
    /// that this call could lock (rows a writer holds are picked up by a later call).
    /// </summary>
    public async Task<int> RewrapBatchAsync(SealedColumn column, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(column);
        var retired = encryption.RetiredKeyIds;
        if (retired.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = new List<(string Ctid, EncryptedBlob Blob)>(batchSize);
        await using (var select = new NpgsqlCommand(
            $"SELECT ctid::text, {column.KeyIdColumn}, {column.Column} FROM {column.Table} WHERE {column.KeyIdColumn} = ANY(@retired) LIMIT @batch FOR UPDATE SKIP LOCKED",
            connection,
            transaction))
        {
            select.Parameters.AddWithValue("retired", retired.ToArray());
            select.Parameters.AddWithValue("batch", batchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), new EncryptedBlob(reader.GetString(1), reader.GetFieldValue<byte[]>(2))));
            }
        }

        foreach (var (ctid, blob) in rows)
        {
            var rewrapped = encryption.Rewrap(blob);
            await using var update = new NpgsqlCommand(
                $"UPDATE {column.Table} SET {column.Column} = @payload, {column.KeyIdColumn} = @keyId WHERE ctid = @ctid::tid",
                connection,
                transaction);
            update.Parameters.AddWithValue("payload", rewrapped.Payload);
            update.Parameters.AddWithValue("keyId", rewrapped.KeyId);
            update.Parameters.AddWithValue("ctid", ctid);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>Re-wraps every column until no batch finds a row it can lock; answers how many rows it changed.</summary>
    public async Task<long> RewrapAllAsync(IProgress<int>? progress, int batchSize, TimeSpan pauseBetweenBatches, CancellationToken cancellationToken)
    {
        var total = 0L;
        foreach (var column in columns)
        {
            int changed;
            while ((changed = await RewrapBatchAsync(column, batchSize, cancellationToken)) > 0)
            {
                total += changed;
                progress?.Report(changed);
                if (pauseBetweenBatches > TimeSpan.Zero)
                {
                    await Task.Delay(pauseBetweenBatches, cancellationToken);
                }
            }
        }

        return total;
    }
}

/// <summary>One sealed column's rows by master key: under the active key, and under a retired (still listed) key.</summary>
public sealed record SealedColumnStatus(SealedColumn Column, long UnderActiveKey, long UnderRetiredKeys);
