using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Ids;

namespace Verification.Proctoring.Consent.AcceptConsent;

internal enum AcceptConsentOutcome
{
    Accepted,
    VersionOutdated,
}

/// <summary>
/// Records the learner's acceptance of the current consent text: the version, the time and what it covers. An earlier
/// live acceptance is closed at the same moment, so a learner has at most one live consent.
/// </summary>
internal sealed class AcceptConsentHandler(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    private const string CurrentSql = "SELECT version, covers FROM proctoring.consent_texts ORDER BY version DESC LIMIT 1 FOR SHARE";

    // The language recorded is the one whose text the learner was shown: a translation of this version, else English.
    private const string LanguageSql = """
        SELECT coalesce((SELECT language FROM proctoring.consent_translations
                         WHERE version = @version AND language IN (@exact, @primary) ORDER BY language = @exact DESC LIMIT 1), 'en')
        """;

    private const string InsertSql = """
        UPDATE proctoring.consents SET withdrawn_at = @now WHERE learner_id = @learnerId AND withdrawn_at IS NULL;
        INSERT INTO proctoring.consents (id, learner_id, version, language, covers, accepted_at)
        VALUES (@id, @learnerId, @version, @language, @covers, @now);
        """;

    public async Task<(AcceptConsentOutcome Outcome, int CurrentVersion, string Language, string[] Covers, DateTimeOffset AcceptedAt)> HandleAsync(
        Guid learnerId, int version, string? requestedLanguage, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleAsync<CurrentText>(new CommandDefinition(CurrentSql, transaction: transaction, cancellationToken: cancellationToken));
        if (current.Version != version)
        {
            return (AcceptConsentOutcome.VersionOutdated, current.Version, ConsentLanguage.English, current.Covers, default);
        }

        var (exact, primary) = ConsentLanguage.Candidates(requestedLanguage);
        var language = await connection.QuerySingleAsync<string>(new CommandDefinition(LanguageSql, new { version, exact, primary }, transaction, cancellationToken: cancellationToken));

        var now = time.GetUtcNow();
        var id = TimeOrderedId.New(time);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { id, learnerId, version, language, covers = current.Covers, now }, transaction, cancellationToken: cancellationToken));
        var data = JsonSerializer.Serialize(new { consentId = id, version, language, covers = current.Covers });
        await audit.AppendAsync(connection, transaction, new AuditEntry($"learner:{learnerId}", "consent.accepted", $"learner:{learnerId}", data), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (AcceptConsentOutcome.Accepted, version, language, current.Covers, now);
    }

    private sealed class CurrentText
    {
        public int Version { get; set; }

        public string[] Covers { get; set; } = [];
    }
}
