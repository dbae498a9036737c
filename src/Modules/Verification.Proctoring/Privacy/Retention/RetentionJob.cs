using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Database;

namespace Verification.Proctoring.Privacy.Retention;

/// <summary>Runs the retention schedule at start-up and then every <see cref="RetentionSettings.JobInterval"/> of the <see cref="TimeProvider"/>.</summary>
internal sealed class RetentionJob(RetentionEnforcer enforcer, RetentionSettings settings, TimeProvider time, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.JobInterval, time);
        do
        {
            try
            {
                await enforcer.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or DatabaseUnavailableException && !stoppingToken.IsCancellationRequested)
            {
                // The database is away: every purged class was committed with its audit entry, the rest waits for the next run.
                logger.LogWarning(ex, "Retention run stopped by the database; the next run finishes it");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
