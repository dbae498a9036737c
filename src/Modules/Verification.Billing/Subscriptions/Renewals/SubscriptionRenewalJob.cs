using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Verification.Billing.Subscriptions.Renewals;

/// <summary>Runs the renewals every <c>Billing:RenewalIntervalSeconds</c> of <see cref="TimeProvider"/> time (0: off, the tests drive it).</summary>
internal sealed class SubscriptionRenewalJob(IServiceScopeFactory scopes, BillingSettings settings, TimeProvider time, ILogger<SubscriptionRenewalJob> logger) : BackgroundService
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
                await scope.ServiceProvider.GetRequiredService<SubscriptionRenewals>().RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Subscription renewals paused: the database is unreachable ({Reason})", ex.Message);
            }
        }
    }
}
