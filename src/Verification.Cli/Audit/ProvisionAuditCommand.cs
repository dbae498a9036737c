using System.ComponentModel;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Spectre.Console.Cli;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Database;

namespace Verification.Cli.Audit;

/// <summary>
/// <c>verification audit provision --service-role NAME</c>: with a superuser's <c>VERIFICATION_DB</c>, gives the audit
/// schema to its own NOLOGIN role and leaves the service's role only appending and reading (<see cref="AuditOwner"/>).
/// Exit code 0: done; 2: cannot run.
/// </summary>
internal sealed class ProvisionAuditCommand : AsyncCommand<ProvisionAuditCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--service-role <ROLE>")]
        [Description("The role the Host connects as (./run.sh: verification).")]
        public string ServiceRole { get; init; } = "verification";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var connectionString = DatabaseSettings.ReadConnectionString(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.WriteLine("audit provision cannot run: no database is configured. " + DatabaseSettings.SettingHint);
            return 2;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await AuditOwner.ProvisionAsync(dataSource, settings.ServiceRole, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or Verification.BuildingBlocks.Migrations.MigrationException)
        {
            Console.WriteLine("audit provision cannot run: " + ex.Message);
            return 2;
        }

        Console.WriteLine($"audit schema owned by {AuditOwner.Role}; {settings.ServiceRole} may append and read");
        return 0;
    }
}
