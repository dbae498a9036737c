using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Verification.Billing;

/// <summary>Billing work that handles whatever has fallen due (renewals, pending orders' confirmations).</summary>
internal interface IDueWork
{
    /// <summary>How the log names the work when it pauses.</summary>
    static abstract string Name { get; }

    /// <summary>Handles everything due now; returns how many were handled.</summary>
    Task<int> RunDueAsync(CancellationToken cancellationToken);
}

/// <summary>Runs <typeparamref name="TWork"/> every <c>Billing:RenewalIntervalSeconds</c> of <see cref="TimeProvider"/> time (0: off, the tests drive it).</summary>
internal sealed class DueWorkJob<TWork>(IServiceScopeFactory scopes, BillingSettings settings, TimeProvider time, ILogger<DueWorkJob<TWork>> logger) : BackgroundService
    where TWork : IDueWork
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
                await scope.ServiceProvider.GetRequiredService<TWork>().RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("{Work} paused: the database is unreachable ({Reason})", TWork.Name, ex.Message);
            }
        }
    }
}
