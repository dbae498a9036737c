using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Database;

namespace Verification.Proctoring.Identity;

/// <summary>Seals the plain fields of profiles enrolled before sealing, once the Host starts; serving does not wait for it.</summary>
internal sealed class ProfileResealJob(ProfileReseal reseal, TimeProvider time, ILogger<ProfileResealJob> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sealedProfiles = await reseal.ResealAllAsync(stoppingToken);
                if (sealedProfiles > 0)
                {
                    logger.LogInformation("Sealed the plain typing phrase and ID-photo score of {Count} profiles", sealedProfiles);
                }

                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or DatabaseUnavailableException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sealing plain profile fields stopped by the database; retrying in {Delay}", RetryAfter);
            }

            await Task.Delay(RetryAfter, time, stoppingToken);
        }
    }
}
