using Microsoft.Extensions.Configuration;
using Npgsql;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Database;
using Verification.BuildingBlocks.Encryption;
using Verification.Host.Startup;

namespace Verification.Cli.MasterKey;

/// <summary>
/// The rotation as the Host would run it: the database and the keys from the Host's environment variables
/// (<c>VERIFICATION_DB</c>, <c>Encryption__ActiveKeyId</c>, <c>Encryption__Keys__{id}</c>), so no key is typed on a
/// command line, and every module's sealed columns.
/// </summary>
internal static class MasterKeySetup
{
    /// <exception cref="SettingInvalidException">No usable keys are configured.</exception>
    /// <exception cref="DatabaseUnavailableException">No database is configured or it cannot be reached.</exception>
    public static async Task<(NpgsqlDataSource DataSource, MasterKeyRotation Rotation)> OpenAsync(CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var options = new EncryptionOptions();
        configuration.GetSection(EncryptionOptions.SectionName).Bind(options);
        var encryption = new EnvelopeEncryption(options);
        var connectionString = DatabaseSettings.ReadConnectionString(configuration);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DatabaseUnavailableException("No database is configured. " + DatabaseSettings.SettingHint);
        }

        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            await DatabaseProbe.EnsureReachableAsync(dataSource, cancellationToken);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }

        return (dataSource, new MasterKeyRotation(dataSource, encryption, [.. ModuleCatalog.All.SelectMany(m => m.SealedColumns)]));
    }
}
