using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Migrations;

namespace Verification.Testing;

/// <summary>
/// A database of its own for one test class, copied from a template that was migrated once for the same set of
/// migrations. Copying a template takes milliseconds; migrating every time would not.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, NpgsqlDataSource dataSource)
    {
        Name = name;
        DataSource = dataSource;
    }

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString => TestPostgres.ConnectionStringFor(Name);

    /// <summary>An empty database, with no migration applied.</summary>
    public static Task<TestDatabase> CreateEmptyAsync() => CreateFromAsync("template0");

    public static async Task<TestDatabase> CreateMigratedAsync(IReadOnlyList<ModuleMigrations> modules)
    {
        var template = await EnsureTemplateAsync(modules);
        return await CreateFromAsync(template);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = TestPostgres.AdminDataSource();
        await admin.OpenConnection().ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task<TestDatabase> CreateFromAsync(string template)
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var admin = TestPostgres.AdminDataSource();
        await using var connection = await admin.OpenConnectionAsync();
        // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template, so copies take turns.
        await connection.ExecuteAsync("SELECT pg_advisory_lock(42)");
        try
        {
            await connection.ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(42)");
        }

        return new TestDatabase(name, NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(name)));
    }

    private static async Task<string> EnsureTemplateAsync(IReadOnlyList<ModuleMigrations> modules)
    {
        var key = new StringBuilder();
        foreach (var module in modules)
        {
            foreach (var migration in module.Migrations)
            {
                key.Append(migration.Module).Append(migration.Version).Append(migration.Checksum);
            }
        }

        var template = "tpl_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..24];
        await using var admin = TestPostgres.AdminDataSource();
        await using var connection = await admin.OpenConnectionAsync();
        await connection.ExecuteAsync("SELECT pg_advisory_lock(42)");
        try
        {
            var exists = await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @template)", new { template });
            if (!exists)
            {
                await connection.ExecuteAsync($"CREATE DATABASE \"{template}\"");
                await using (var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(template)))
                {
                    await new MigrationRunner(dataSource, modules).ApplyAsync(CancellationToken.None);
                }

                NpgsqlConnection.ClearAllPools();
            }
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(42)");
        }

        return template;
    }
}
