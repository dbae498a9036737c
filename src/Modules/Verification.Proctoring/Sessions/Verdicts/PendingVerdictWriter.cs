using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Verification.Proctoring.Sessions.Verdicts;

/// <summary>Writes queued verdicts, in order, retrying each until the database takes it.</summary>
internal sealed class PendingVerdictWriter(PendingVerdicts pending, ILogger<PendingVerdictWriter> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var outcome in pending.Reader.ReadAllAsync(stoppingToken))
            {
                var delay = FirstRetry;
                while (!await pending.TryWriteAsync(outcome))
                {
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
                }

                pending.Written();
                logger.LogInformation("Session {SessionId} verdict written after the database returned", outcome.SessionId);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is closed as interrupted at the next start (its session row is still open).
        }
    }
}
