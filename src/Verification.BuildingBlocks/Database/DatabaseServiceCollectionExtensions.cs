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

        builder.ApplicationName ??= "verification";
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(builder.ConnectionString).Build());
        return services;
    }
}
