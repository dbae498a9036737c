using Npgsql;

namespace Verification.BuildingBlocks.Database;

public static class DatabaseProbe
{
    /// <summary>Opens one connection and turns any failure into a message that names the setting to change.</summary>
    public static async Task EnsureReachableAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) { Password = null };
            throw new DatabaseUnavailableException(
                $"Cannot reach PostgreSQL at Host={target.Host};Port={target.Port};Database={target.Database}: {ex.Message}. " +
                DatabaseSettings.SettingHint,
                ex);
        }
    }
}
