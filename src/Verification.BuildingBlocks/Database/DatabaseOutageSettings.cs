namespace Verification.BuildingBlocks.Database;

/// <summary>
/// <c>Database</c>: what a caller is told when the database cannot be reached (docs/http-errors.md, "Database
/// unavailable"): the seconds after which a retry may succeed, sent as <c>Retry-After</c> over HTTP and as the
/// hub refusal's hint.
/// </summary>
public sealed class DatabaseOutageSettings
{
    public const string SectionName = "Database";

    public int RetryAfterSeconds { get; set; } = 5;

    public IReadOnlyList<string> Problems() =>
        RetryAfterSeconds is < 1 or > 300 ? [$"RetryAfterSeconds is {RetryAfterSeconds}: use 1 to 300 (default 5)."] : [];
}
