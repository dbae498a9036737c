using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Verification.BuildingBlocks.Migrations;

namespace Verification.Host.Health;

/// <summary>Ready only when PostgreSQL answers and every migration this build knows is applied.</summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource, MigrationRunner migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (var command = dataSource.CreateCommand("SELECT 1"))
            {
                await command.ExecuteScalarAsync(cancellationToken);
            }

            var pending = await migrations.PendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("database reachable, migrations applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations are not applied (first: {pending[0].Module}/{pending[0].Version:D4}_{pending[0].Name})");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + ex.Message);
        }
    }
}
