using System.Text.RegularExpressions;

namespace Verification.BuildingBlocks.Outbox;

/// <summary>
/// One module's outbox: the <c>outbox</c> table in its own schema (created by its migration, shape in
/// <see cref="Outbox"/>) and the notification types it may carry. Only these types are ever deserialised from it.
/// </summary>
public sealed partial record OutboxTable
{
    public OutboxTable(string schema, IReadOnlyList<Type> messageTypes)
        : this(schema, messageTypes, null)
    {
    }

    private OutboxTable(string schema, IReadOnlyList<Type> messageTypes, OutboxRetry? retry)
    {
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a schema name.", nameof(schema));
        }

        Schema = schema;
        MessageTypes = messageTypes.ToDictionary(t => t.FullName ?? t.Name, StringComparer.Ordinal);
        Retry = retry;
    }

    public string Schema { get; }

    public IReadOnlyDictionary<string, Type> MessageTypes { get; }

    /// <summary>
    /// Null for an ordered outbox: a message whose consumer fails holds every later one until it passes, since its
    /// consumers need the order (a verdict before its review decision). Set for an independent one.
    /// </summary>
    public OutboxRetry? Retry { get; }

    /// <summary>
    /// An outbox whose messages need no order, such as calls to other parties' servers: a message whose consumer fails
    /// waits for its own next attempt (<paramref name="retry"/>) while later ones pass it, so one party that is away or
    /// refuses holds nobody else's messages. Its table also has <c>next_attempt_at</c> and <c>given_up_at</c>.
    /// </summary>
    public static OutboxTable Independent(string schema, IReadOnlyList<Type> messageTypes, OutboxRetry retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        return new OutboxTable(schema, messageTypes, retry);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
