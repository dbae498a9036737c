using Dapper;
using Npgsql;

namespace Verification.Proctoring.Consent;

/// <summary>What a learner's live (accepted, not withdrawn) consent covers. Every biometric upload asks first.</summary>
internal sealed class LiveConsent(NpgsqlDataSource dataSource)
{
    public const string Face = "face";
    public const string IdPhoto = "id_photo";
    public const string Typing = "typing";

    /// <summary>The rhythm of answers typed during graded assessments: consent text version 2 onwards.</summary>
    public const string AnswerTyping = "answer_typing";

    /// <summary>What an enrollment collects, so what its completion needs a live consent for.</summary>
    public static readonly string[] EnrollmentKinds = [Face, IdPhoto, Typing];

    private const string Sql = """
        SELECT DISTINCT unnest(covers) FROM proctoring.consents
        WHERE learner_id = @learnerId AND withdrawn_at IS NULL
        """;

    public async Task<IReadOnlySet<string>> CoversAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var covers = await connection.QueryAsync<string>(new CommandDefinition(Sql, new { learnerId }, cancellationToken: cancellationToken));
        return covers.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> CoversAsync(Guid learnerId, string kind, CancellationToken cancellationToken) =>
        (await CoversAsync(learnerId, cancellationToken)).Contains(kind);
}
