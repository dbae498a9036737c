using Dapper;
using Npgsql;
using Verification.Catalog.Tracks;

namespace Verification.Catalog.Courses;

/// <summary>Courses as the public and admin APIs show them, with their certificate track when they have one.</summary>
internal static class CourseReads
{
    private const string Select = """
        SELECT c.id AS CourseId, c.slug AS Slug, c.title AS Title, c.partner_id AS PartnerId, p.name AS PartnerName,
               c.languages AS Languages, c.graded_items AS GradedItems, c.starts_on AS StartsOn, c.retired_at IS NOT NULL AS Retired,
               t.id AS TrackId, t.price_minor AS PriceMinor, t.currency AS Currency,
               t.requires_identity_verification AS RequiresIdentityVerification, t.typing_check AS TypingCheck
        FROM catalog.courses c
        JOIN catalog.partners p ON p.id = c.partner_id
        LEFT JOIN catalog.certificate_tracks t ON t.course_id = c.id
        """;

    public static async Task<IReadOnlyList<CourseView>> ListAsync(NpgsqlConnection connection, bool includeRetired, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE @includeRetired OR c.retired_at IS NULL ORDER BY c.slug", new { includeRetired }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToView())];
    }

    public static async Task<CourseView?> BySlugAsync(NpgsqlConnection connection, string slug, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE c.slug = @slug", new { slug }, cancellationToken: cancellationToken)))?.ToView();

    public static async Task<CourseView?> ByIdAsync(NpgsqlConnection connection, Guid courseId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE c.id = @courseId", new { courseId }, cancellationToken: cancellationToken)))?.ToView();

    private sealed class Row
    {
        public Guid CourseId { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public Guid PartnerId { get; init; }
        public string PartnerName { get; init; } = "";
        public string[] Languages { get; init; } = [];
        public int GradedItems { get; init; }
        public DateTime? StartsOn { get; init; }
        public bool Retired { get; init; }
        public Guid? TrackId { get; init; }
        public long? PriceMinor { get; init; }
        public string? Currency { get; init; }
        public bool? RequiresIdentityVerification { get; init; }
        public string? TypingCheck { get; init; }

        public CourseView ToView() => new(
            CourseId, Slug, Title, PartnerId, PartnerName, Languages, GradedItems, StartsOn is { } d ? DateOnly.FromDateTime(d) : null, Retired,
            TrackId is { } track ? new TrackView(track, PriceMinor!.Value, Currency!.Trim(), RequiresIdentityVerification!.Value, TypingChecks.Parse(TypingCheck!)) : null);
    }
}
