using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.BuildingBlocks.Database;

namespace Verification.BuildingBlocks.Encryption;

/// <summary>
/// Finishes a master-key rotation in the background once the Host starts with a new <c>Encryption:ActiveKeyId</c>;
/// serving does not wait for it. Rows a writer held are skipped and picked up on the next pass, and a pass the database
/// cut short is retried, until no row names a retired key.
/// </summary>
public sealed class MasterKeyRotationJob(MasterKeyRotation rotation, TimeProvider time, ILogger<MasterKeyRotationJob> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var changed = await rotation.RewrapAllAsync(null, MasterKeyRotation.DefaultBatchSize, TimeSpan.Zero, stoppingToken);
                var remaining = await rotation.RemainingAsync(stoppingToken);
                if (changed > 0 || remaining > 0)
                {
                    logger.LogInformation(
                        "Re-wrapped {Count} ciphertexts under master key {KeyId}; {Remaining} still under a retired key", changed, rotation.ActiveKeyId, remaining);
                }

                if (remaining == 0)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or DatabaseUnavailableException && !stoppingToken.IsCancellationRequested)
            {
                // Rows not yet re-wrapped stay readable under the retired key; the next pass finishes the rotation.
                logger.LogWarning(ex, "Master-key rotation stopped by the database; retrying in {Delay}", RetryAfter);
            }

            await Task.Delay(RetryAfter, time, stoppingToken);
        }
    }
}
