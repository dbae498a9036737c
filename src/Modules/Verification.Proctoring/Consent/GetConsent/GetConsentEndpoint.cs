using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Proctoring.Api;
using Verification.Proctoring.Privacy.Retention;

namespace Verification.Proctoring.Consent.GetConsent;

/// <summary>The consent text to show (the newest version, quoting the configured retention schedule) and what the learner has accepted, if anything.</summary>
internal static class GetConsentEndpoint
{
    public sealed record ConsentText(int Version, string Text, string[] Covers, DateTimeOffset PublishedAt);

    public sealed record AcceptedConsent(int Version, string[] Covers, DateTimeOffset AcceptedAt);

    public sealed record ConsentView(ConsentText Current, AcceptedConsent? Accepted);

    private const string Sql = """
        SELECT version, text, covers, published_at AS PublishedAt FROM proctoring.consent_texts ORDER BY version DESC LIMIT 1;
        SELECT version, covers, accepted_at AS AcceptedAt FROM proctoring.consents
        WHERE learner_id = @learnerId AND withdrawn_at IS NULL ORDER BY accepted_at DESC LIMIT 1;
        """;

    public static void MapGetConsent(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/consent", GetAsync)
            .WithTags("Consent")
            .WithSummary("The current consent text and the learner's live acceptance. Needs an enrollment token.");

    private static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> GetAsync(
        Guid learnerId, NpgsqlDataSource dataSource, RetentionSchedule schedule, CancellationToken cancellationToken)
    {
        var view = await LoadAsync(dataSource, schedule, learnerId, cancellationToken);
        return TypedResults.Ok(view);
    }

    // Settable rows: Dapper matches constructors by exact type, and text[] reaches it as System.Array.
    private sealed class TextRow
    {
        public int Version { get; set; }

        public string Text { get; set; } = "";

        public string[] Covers { get; set; } = [];

        public DateTime PublishedAt { get; set; }
    }

    private sealed class AcceptedRow
    {
        public int Version { get; set; }

        public string[] Covers { get; set; } = [];

        public DateTime AcceptedAt { get; set; }
    }

    public static async Task<ConsentView> LoadAsync(NpgsqlDataSource dataSource, RetentionSchedule schedule, Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { learnerId }, cancellationToken: cancellationToken));
        var current = await results.ReadSingleAsync<TextRow>();
        var accepted = await results.ReadSingleOrDefaultAsync<AcceptedRow>();
        return new ConsentView(
            new ConsentText(current.Version, schedule.QuoteIn(current.Text), current.Covers, new DateTimeOffset(current.PublishedAt, TimeSpan.Zero)),
            accepted is null ? null : new AcceptedConsent(accepted.Version, accepted.Covers, new DateTimeOffset(accepted.AcceptedAt, TimeSpan.Zero)));
    }
}
