using System.Text.Json;
using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Verification.BuildingBlocks.Outbox;

/// <summary>
/// A transactional outbox: a module writes its notifications into <c>{schema}.outbox</c> in the transaction that
/// decided them (<see cref="AppendAsync"/>), and they are published through Mediator afterwards, in order, and marked
/// delivered. Delivery is at least once (a crash between publish and mark repeats a message), so consumers are
/// idempotent. Table: <c>id bigint identity, message_type text, payload jsonb, created_at, delivered_at, attempts, last_error</c>,
/// and for an independent outbox (<see cref="OutboxTable.Independent"/>) also <c>next_attempt_at, given_up_at</c>.
/// </summary>
public sealed class Outbox(NpgsqlDataSource dataSource, IEnumerable<OutboxTable> tables, IServiceScopeFactory scopes, TimeProvider time, ILogger<Outbox> logger)
{
    private const int BatchSize = 50;

    // Per table: a table whose consumer waits on another party's server (the LTI platforms' ACS) holds no other table,
    // neither the dispatcher's loop for it nor a request that delivers its own module's messages before it answers.
    private readonly Dictionary<string, SemaphoreSlim> _dispatching = tables.ToDictionary(t => t.Schema, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal);
    private readonly Dictionary<string, SemaphoreSlim> _signals = tables.ToDictionary(t => t.Schema, _ => new SemaphoreSlim(0, int.MaxValue), StringComparer.Ordinal);

    public static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxTable table, INotification message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        var name = type.FullName ?? type.Name;
        if (!table.MessageTypes.ContainsKey(name))
        {
            throw new InvalidOperationException($"{name} is not registered for the {table.Schema} outbox.");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {table.Schema}.outbox (message_type, payload, created_at) VALUES (@name, @payload::jsonb, @now)",
            new { name, payload = JsonSerializer.Serialize(message, type), now },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Wakes the dispatcher after a commit, so that messages leave at once rather than at the next poll.</summary>
    public void Signal()
    {
        foreach (var signal in _signals.Values)
        {
            signal.Release();
        }
    }

    internal Task<bool> WaitForSignalAsync(OutboxTable table, TimeSpan timeout, CancellationToken cancellationToken) =>
        _signals[table.Schema].WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Publishes what is pending in <paramref name="table"/> (a module delivers its own outbox before it answers);
    /// returns how many messages were delivered. Never throws for a database outage.
    /// </summary>
    public async Task<int> DispatchAsync(OutboxTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var dispatching = _dispatching[table.Schema];
        await dispatching.WaitAsync(cancellationToken);
        try
        {
            return await DispatchBatchAsync(table, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Outbox {Schema} dispatch paused: the database is unreachable ({Reason})", table.Schema, ex.Message);
            return 0;
        }
        finally
        {
            dispatching.Release();
        }
    }

    private async Task<int> DispatchBatchAsync(OutboxTable table, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = table.Retry is null ? "" : " AND given_up_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= @now)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // SKIP LOCKED: several nodes may dispatch the same outbox; each row goes to one of them at a time.
        var rows = (await connection.QueryAsync<(long Id, string Type, string Payload, int Attempts, DateTime CreatedAt)>(new CommandDefinition(
            $"SELECT id, message_type, payload::text, attempts, created_at FROM {table.Schema}.outbox WHERE delivered_at IS NULL{due} ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED",
            new { now },
            transaction: transaction,
            cancellationToken: cancellationToken))).ToList();
        var delivered = 0;
        foreach (var (id, typeName, payload, attempts, createdAt) in rows)
        {
            var error = await PublishAsync(table, typeName, payload, cancellationToken);
            if (error is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {table.Schema}.outbox SET delivered_at = @now, attempts = attempts + 1 WHERE id = @id",
                    new { id, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
                delivered++;
                continue;
            }

            if (table.Retry is not { } retry)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {table.Schema}.outbox SET attempts = attempts + 1, last_error = @error WHERE id = @id",
                    new { id, error }, transaction, cancellationToken: cancellationToken));
                // Order matters to consumers (a verdict before its review decision): stop here and retry from this message.
                break;
            }

            var failedAt = time.GetUtcNow();
            var next = retry.NextAttempt(new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc)), attempts + 1, failedAt);
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE {table.Schema}.outbox SET attempts = attempts + 1, last_error = @error,
                    next_attempt_at = @next, given_up_at = CASE WHEN @next::timestamptz IS NULL THEN @failedAt END
                WHERE id = @id
                """,
                new { id, error, next, failedAt }, transaction, cancellationToken: cancellationToken));
            if (next is null)
            {
                logger.LogError("Outbox {Schema}: message {MessageId} ({MessageType}) given up after {Attempts} attempts ({Error})", table.Schema, id, typeName, attempts + 1, error);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return delivered;
    }

    private async Task<string?> PublishAsync(OutboxTable table, string typeName, string payload, CancellationToken cancellationToken)
    {
        if (!table.MessageTypes.TryGetValue(typeName, out var type) || JsonSerializer.Deserialize(payload, type) is not { } message)
        {
            logger.LogError("Outbox {Schema} holds a message of unknown type {MessageType}; it stays undelivered", table.Schema, typeName);
            return "unknown message type";
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(message, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A consumer's fault is another module's bug: it must not stop the outbox or lose the message, so it is retried.
            logger.LogError(ex, "Outbox {Schema}: a consumer of {MessageType} failed; the message will be retried", table.Schema, typeName);
            return ex.GetType().Name;
        }
    }
}
