using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Database;

namespace Verification.Proctoring.Identity;

/// <summary>Re-wraps learner keys in the background once the Host starts with a new active master key; serving does not wait for it.</summary>
internal sealed class LearnerKeyRotationJob(LearnerKeyRotation rotation, ILogger<LearnerKeyRotationJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await rotation.RewrapAllAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or DatabaseUnavailableException && !stoppingToken.IsCancellationRequested)
        {
            // Rows not yet re-wrapped stay readable under the old key; the next start finishes the rotation.
            logger.LogWarning(ex, "Learner key re-wrap stopped by the database; the next start finishes it");
        }
    }
}
