using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Verification.BuildingBlocks.Outbox;

/// <summary>Publishes outbox messages when signalled after a commit, and every few seconds for retries and messages left by a crash.</summary>
internal sealed class OutboxDispatcher(Outbox outbox, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await outbox.DispatchAsync(stoppingToken);
                await outbox.WaitForSignalAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The dispatcher must outlive its own faults: a stopped outbox would hold every later message.
                logger.LogError(ex, "Outbox dispatcher failed; it continues");
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
