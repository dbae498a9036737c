using Dapper;
using Npgsql;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Identity;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>
/// Keeps each typing check's outcome (usable or why not, the genuine probability, accepted or not; never the key
/// timings), so the learner's export and the reviewer see it. Kept as long as per-frame scores (Proctoring:Retention).
/// </summary>
internal sealed class TypingCheckStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string InsertSql = """
        INSERT INTO proctoring.typing_checks (session_id, check_number, checked_at, usable, code, genuine_probability, accepted, log_likelihood_ratio)
        VALUES (@SessionId, @Check, @now, @Usable, @Code, @probability, @Accepted, @logLikelihoodRatio)
        ON CONFLICT DO NOTHING;
        UPDATE proctoring.sessions SET typing_unavailable = @Code
        WHERE id = @SessionId AND @fallback AND typing_unavailable IS NULL
        """;

    /// <summary>
    /// Records the check; <paramref name="logLikelihoodRatio"/> (the verifier's, for a usable check) lets another node
    /// rebuild the typing evidence. A fallback answer (a touch keyboard) also records on the session why typing is missing.
    /// </summary>
    public async Task RecordAsync(KeystrokeResult result, double? logLikelihoodRatio)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertSql,
            new { result.SessionId, result.Check, now = time.GetUtcNow(), result.Usable, result.Code, probability = (float?)result.GenuineProbability, result.Accepted, logLikelihoodRatio,
                fallback = !result.Usable && result.Code is { } code && TypingFallback.IsKnown(code),
            }));
    }
}
