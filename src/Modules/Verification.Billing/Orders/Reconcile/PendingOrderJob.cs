using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Verification.Billing.Orders.Reconcile;

/// <summary>Reconciles the pending orders every <c>Billing:RenewalIntervalSeconds</c> of <see cref="TimeProvider"/> time, beside the renewals (0: off).</summary>
internal sealed class PendingOrderJob(IServiceScopeFactory scopes, BillingSettings settings, TimeProvider time, ILogger<PendingOrderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.RenewalIntervalSeconds == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.RenewalIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PendingOrders>().RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Pending orders' reconciliation paused: the database is unreachable ({Reason})", ex.Message);
            }
        }
    }
}
