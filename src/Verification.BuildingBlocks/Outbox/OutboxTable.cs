using System.Text.RegularExpressions;

namespace Verification.BuildingBlocks.Outbox;

/// <summary>
/// One module's outbox: the <c>outbox</c> table in its own schema (created by its migration, shape in
/// <see cref="Outbox"/>) and the notification types it may carry. Only these types are ever deserialised from it.
/// </summary>
public sealed partial record OutboxTable
{
    public OutboxTable(string schema, IReadOnlyList<Type> messageTypes)
    {
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"'{schema}' is not a schema name.", nameof(schema));
        }

        Schema = schema;
        MessageTypes = messageTypes.ToDictionary(t => t.FullName ?? t.Name, StringComparer.Ordinal);
    }

    public string Schema { get; }

    public IReadOnlyDictionary<string, Type> MessageTypes { get; }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
