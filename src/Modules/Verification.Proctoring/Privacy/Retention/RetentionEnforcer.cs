using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.Proctoring.Privacy.EraseLearnerData;

namespace Verification.Proctoring.Privacy.Retention;

/// <summary>
/// One run of the retention schedule: each data class purged in its own transaction with its audit entry (class and
/// count, never content), then the erasures that waited for a review case to close are completed. A run cut short (the
/// database gone mid-purge) leaves every class either purged and audited or untouched; the next run finishes.
/// </summary>
internal sealed class RetentionEnforcer(
    NpgsqlDataSource dataSource,
    RetentionSettings settings,
    TrackEndedTemplates trackEnded,
    LearnerErasure erasure,
    AuditLog audit,
    TimeProvider time,
    ILogger<RetentionEnforcer> logger)
{
    public const string Actor = "system:retention";

    private const string PendingErasuresSql = "SELECT learner_id FROM proctoring.erasures WHERE completed_at IS NULL ORDER BY requested_at";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs the schedule once; answers the count purged per data class.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var purged = new Dictionary<string, int>(StringComparer.Ordinal);
            var periods = new
            {
                now = time.GetUtcNow(),
                draftHours = settings.AbandonedDraftHours,
                templateDays = settings.TemplateDaysAfterLastInteraction,
                evidenceDays = settings.EvidenceGraceDays,
                scoresDays = settings.SessionScoresDays,
            };
            foreach (var purge in RetentionPurges.All)
            {
                purged[purge.DataClass] = await PurgeAsync(purge.DataClass, purge.Sql, periods, cancellationToken);
            }

            // Templates also end with their purpose: the learner's last certificate track.
            var learners = await trackEnded.DueAsync(periods.now, settings.TemplateDaysAfterLastTrackEnds, cancellationToken);
            purged[RetentionPurges.Templates.DataClass] += learners.Length == 0
                ? 0
                : await PurgeAsync(RetentionPurges.Templates.DataClass, TrackEndedTemplates.PurgeSql, new { learners }, cancellationToken);

            purged["pending_erasures"] = await CompleteErasuresAsync(cancellationToken);
            return purged;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> PurgeAsync(string dataClass, string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        if (count > 0)
        {
            var data = JsonSerializer.Serialize(new { dataClass, count });
            await audit.AppendAsync(connection, transaction, new AuditEntry(Actor, "retention.purged", $"data_class:{dataClass}", data), cancellationToken);
            logger.LogInformation("Retention purged {Count} items of {DataClass}", count, dataClass);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private async Task<int> CompleteErasuresAsync(CancellationToken cancellationToken)
    {
        List<Guid> pending;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            pending = [.. await connection.QueryAsync<Guid>(new CommandDefinition(PendingErasuresSql, cancellationToken: cancellationToken))];
        }

        var completed = 0;
        foreach (var learnerId in pending)
        {
            var pass = await erasure.RunAsync(learnerId, request: false, Actor, cancellationToken);
            completed += pass.KeptForOpenReviews.Count == 0 ? 1 : 0;
        }

        return completed;
    }
}
