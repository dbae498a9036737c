using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;

namespace Verification.Proctoring.Consent.WithdrawConsent;

/// <summary>
/// Withdraws the learner's live consent: collection stops at once, and the enrollment in progress (frames, typing
/// samples, an ID photo not yet part of a profile) is deleted because it can no longer serve its purpose.
/// A finished profile stays until erasure is asked for, but no session uses it without consent.
/// </summary>
internal sealed class WithdrawConsentHandler(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    private const string Sql = """
        WITH withdrawn AS (
            UPDATE proctoring.consents SET withdrawn_at = @now WHERE learner_id = @learnerId AND withdrawn_at IS NULL RETURNING id
        ), frames AS (
            DELETE FROM proctoring.enrollment_frames WHERE learner_id = @learnerId RETURNING id
        ), samples AS (
            DELETE FROM proctoring.enrollment_typing_samples WHERE learner_id = @learnerId RETURNING id
        ), photos AS (
            DELETE FROM proctoring.id_photos WHERE learner_id = @learnerId AND delete_after IS NULL RETURNING learner_id
        )
        SELECT (SELECT count(*) FROM withdrawn)::int AS Withdrawn, (SELECT count(*) FROM frames)::int AS Frames,
               (SELECT count(*) FROM samples)::int AS Samples, (SELECT count(*) FROM photos)::int AS Photos
        """;

    /// <returns>Whether a live consent was withdrawn.</returns>
    public async Task<bool> HandleAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(int Withdrawn, int Frames, int Samples, int Photos)>(
            new CommandDefinition(Sql, new { learnerId, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (counts.Withdrawn > 0)
        {
            var data = JsonSerializer.Serialize(new { deletedFrames = counts.Frames, deletedTypingSamples = counts.Samples, deletedIdPhotos = counts.Photos });
            await audit.AppendAsync(connection, transaction, new AuditEntry($"learner:{learnerId}", "consent.withdrawn", $"learner:{learnerId}", data), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return counts.Withdrawn > 0;
    }
}
