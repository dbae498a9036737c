using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Verification.BuildingBlocks.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers the one <see cref="NpgsqlDataSource"/> every module shares.</summary>
    public static IServiceCollection AddVerificationDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = DatabaseSettings.ReadConnectionString(configuration);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DatabaseUnavailableException("No database is configured. " + DatabaseSettings.SettingHint);
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseUnavailableException("The database connection string is malformed. " + DatabaseSettings.SettingHint, ex);
        }

        var outage = new DatabaseOutageSettings();
        configuration.GetSection(DatabaseOutageSettings.SectionName).Bind(outage);
        if (outage.Problems() is { Count: > 0 } problems)
        {
            throw new SettingInvalidException($"{DatabaseOutageSettings.SectionName}: {string.Join(" ", problems)}");
        }

        services.AddSingleton(outage);
        builder.ApplicationName ??= "verification";
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(builder.ConnectionString).Build());
        return services;
    }
}
