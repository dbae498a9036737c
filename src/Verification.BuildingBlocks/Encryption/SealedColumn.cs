using System.Text.RegularExpressions;

namespace Verification.BuildingBlocks.Encryption;

/// <summary>
/// A column that can hold an envelope ciphertext under the master key, beside the column naming that key: what a
/// master-key rotation re-wraps. <paramref name="DataClass"/> names it for operators (<c>verification master-key status</c>).
/// Rows whose key column names something other than a configured master key (a learner key) are left alone.
/// </summary>
public sealed partial record SealedColumn(string DataClass, string Table, string Column, string KeyIdColumn)
{
    public string Table { get; } = Identifier(Table, "schema.table", QualifiedName());

    public string Column { get; } = Identifier(Column, "column", Name());

    public string KeyIdColumn { get; } = Identifier(KeyIdColumn, "key id column", Name());

    private static string Identifier(string value, string what, Regex pattern) =>
        pattern.IsMatch(value) ? value : throw new ArgumentException($"'{value}' is not a plain {what} name.", nameof(value));

    [GeneratedRegex("^[a-z_]+\\.[a-z_]+$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[a-z_]+$")]
    private static partial Regex Name();
}
