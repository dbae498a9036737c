using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Proctoring.Api;
using Verification.Proctoring.Privacy.Retention;

namespace Verification.Proctoring.Consent.GetConsent;

/// <summary>The consent text to show (the newest version, quoting the configured retention schedule) and what the learner has accepted, if anything.</summary>
internal static class GetConsentEndpoint
{
    /// <summary>A version of the consent text in one language (<c>en</c> when the version has no translation into the one asked for).</summary>
    public sealed record ConsentText(int Version, string Language, string Text, string[] Covers, DateTimeOffset PublishedAt);

    public sealed record AcceptedConsent(int Version, string Language, string[] Covers, DateTimeOffset AcceptedAt);

    public sealed record ConsentView(ConsentText Current, AcceptedConsent? Accepted);

    private const string Sql = """
        SELECT t.version, coalesce(tr.language, 'en') AS language, coalesce(tr.text, t.text) AS text, t.covers,
               coalesce(tr.published_at, t.published_at) AS PublishedAt
        FROM (SELECT version, text, covers, published_at FROM proctoring.consent_texts ORDER BY version DESC LIMIT 1) t
        LEFT JOIN proctoring.consent_translations tr ON tr.version = t.version AND tr.language IN (@exact, @primary)
        ORDER BY tr.language = @exact DESC NULLS LAST LIMIT 1;
        SELECT version, language, covers, accepted_at AS AcceptedAt FROM proctoring.consents
        WHERE learner_id = @learnerId AND withdrawn_at IS NULL ORDER BY accepted_at DESC LIMIT 1;
        """;

    public static void MapGetConsent(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/consent", GetAsync)
            .WithTags("Consent")
            .WithSummary("The current consent text, in ?language= (a BCP 47 tag) where translated, else English, and the learner's live acceptance with its language. Needs an enrollment token.");

    private static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> GetAsync(
        Guid learnerId, [FromQuery] string? language, NpgsqlDataSource dataSource, RetentionSchedule schedule, CancellationToken cancellationToken)
    {
        var view = await LoadAsync(dataSource, schedule, learnerId, language, cancellationToken);
        return TypedResults.Ok(view);
    }

    // Settable rows: Dapper matches constructors by exact type, and text[] reaches it as System.Array.
    private sealed class TextRow
    {
        public int Version { get; set; }

        public string Language { get; set; } = "";

        public string Text { get; set; } = "";

        public string[] Covers { get; set; } = [];

        public DateTime PublishedAt { get; set; }
    }

    private sealed class AcceptedRow
    {
        public int Version { get; set; }

        public string Language { get; set; } = "";

        public string[] Covers { get; set; } = [];

        public DateTime AcceptedAt { get; set; }
    }

    public static async Task<ConsentView> LoadAsync(NpgsqlDataSource dataSource, RetentionSchedule schedule, Guid learnerId, string? language, CancellationToken cancellationToken)
    {
        var (exact, primary) = ConsentLanguage.Candidates(language);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { learnerId, exact, primary }, cancellationToken: cancellationToken));
        var current = await results.ReadSingleAsync<TextRow>();
        var accepted = await results.ReadSingleOrDefaultAsync<AcceptedRow>();
        return new ConsentView(
            new ConsentText(current.Version, current.Language, schedule.QuoteIn(current.Text, current.Language), current.Covers, new DateTimeOffset(current.PublishedAt, TimeSpan.Zero)),
            accepted is null ? null : new AcceptedConsent(accepted.Version, accepted.Language, accepted.Covers, new DateTimeOffset(accepted.AcceptedAt, TimeSpan.Zero)));
    }
}
