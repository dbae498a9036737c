using Npgsql;
using Verification.BuildingBlocks.Database;
using Verification.BuildingBlocks.Migrations;
using Verification.Host.Health;
using Verification.Matching.Models;

namespace Verification.Host.Startup;

/// <summary>What must hold before the Host takes traffic: the models match the manifest, the database answers, migrations are applied.</summary>
internal static class StartupChecks
{
    public static void VerifyModels(ModelsStatus models)
    {
        if (!models.IsHealthy)
        {
            throw new ModelVerificationException(
                $"Face models in {models.Directory} are not usable: {string.Join("; ", models.Problems)}. " +
                "Run scripts/fetch-models.sh (./run.sh does) or set Models:Directory.");
        }
    }

    public static async Task PrepareDatabaseAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await DatabaseProbe.EnsureReachableAsync(dataSource, cancellationToken);
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        }
    }
}
