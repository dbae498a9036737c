using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Database;
using Verification.BuildingBlocks.Migrations;

namespace Verification.Host.Startup;

/// <summary>
/// Before the Host takes traffic: the database answers, every migration is applied and the audit chain is keyed. A failure stops the start;
/// Program turns it into one line naming the setting to change.
/// </summary>
internal sealed class DatabaseStartup(NpgsqlDataSource dataSource, MigrationRunner migrations, AuditLog audit, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseProbe.EnsureReachableAsync(dataSource, cancellationToken);
        if (configuration.GetValue("Database:MigrateOnStart", true))
        {
            await migrations.ApplyAsync(cancellationToken);
            await audit.StartKeyedChainAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The generic host logs a failed start with the whole stack trace; for a configuration problem that trace says
    /// nothing the one-line message does not, so that event is dropped.
    /// </summary>
    public static bool IsConfigurationFailureLoggedByHost(Serilog.Events.LogEvent logEvent) =>
        logEvent.Exception is DatabaseUnavailableException or MigrationException or Verification.BuildingBlocks.SettingInvalidException &&
        logEvent.Properties.TryGetValue("SourceContext", out var source) &&
        source.ToString() == "\"Microsoft.Extensions.Hosting.Internal.Host\"";
}
