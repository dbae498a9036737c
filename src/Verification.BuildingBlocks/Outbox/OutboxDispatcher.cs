using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Verification.BuildingBlocks.Outbox;

/// <summary>
/// Publishes outbox messages when signalled after a commit, and every few seconds for retries and messages left by a
/// crash: one loop per module's table, so a table whose consumer waits on another party's server holds no other.
/// </summary>
internal sealed class OutboxDispatcher(Outbox outbox, IEnumerable<OutboxTable> tables, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(tables.Select(table => DispatchLoopAsync(table, stoppingToken)));

    private async Task DispatchLoopAsync(OutboxTable table, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await outbox.DispatchAsync(table, stoppingToken);
                await outbox.WaitForSignalAsync(table, PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The dispatcher must outlive its own faults: a stopped outbox would hold every later message.
                logger.LogError(ex, "Outbox {Schema} dispatcher failed; it continues", table.Schema);
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
