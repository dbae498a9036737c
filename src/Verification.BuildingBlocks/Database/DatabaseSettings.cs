using Microsoft.Extensions.Configuration;

namespace Verification.BuildingBlocks.Database;

/// <summary>Where the service finds its PostgreSQL: <c>ConnectionStrings:Verification</c> or <c>VERIFICATION_DB</c>.</summary>
public static class DatabaseSettings
{
    public const string ConnectionStringName = "Verification";
    public const string EnvironmentVariable = "VERIFICATION_DB";
    public const string SettingHint =
        "Set ConnectionStrings:Verification in appsettings.json or the VERIFICATION_DB environment variable " +
        "(for example Host=127.0.0.1;Port=5432;Username=postgres;Database=verification).";

    public static string? ReadConnectionString(IConfiguration configuration)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? configuration.GetConnectionString(ConnectionStringName)
            : fromEnvironment;
    }
}
