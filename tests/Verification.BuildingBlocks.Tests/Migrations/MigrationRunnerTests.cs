using Dapper;
using Verification.BuildingBlocks.Migrations;
using Verification.Testing;

namespace Verification.BuildingBlocks.Tests.Migrations;

public sealed class MigrationRunnerTests
{
    private static ModuleMigrations Sample(string module) => new(module,
    [
        new Migration(module, 1, "create_schema", $"CREATE SCHEMA {module}; CREATE TABLE {module}.things (id int PRIMARY KEY);"),
        new Migration(module, 2, "add_name", $"ALTER TABLE {module}.things ADD COLUMN name text;"),
    ]);

    [Fact]
    public async Task Applies_migrations_to_an_empty_database_and_reapplies_as_a_no_op()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var runner = new MigrationRunner(database.DataSource, [Sample("alpha"), Sample("beta")]);

        var first = await runner.ApplyAsync(TestContext.Current.CancellationToken);
        var second = await runner.ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(4, first);
        Assert.Equal(0, second);
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM public.schema_migrations"));
        Assert.Equal(1, await connection.ExecuteAsync("INSERT INTO beta.things (id, name) VALUES (1, 'x')"));
        Assert.Empty(await runner.PendingAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Applies_each_migration_once_when_two_runners_start_together()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        // Without the advisory lock both would try CREATE SCHEMA and one would fail.
        var runners = Enumerable.Range(0, 4).Select(_ => new MigrationRunner(database.DataSource, [Sample("gamma")])).ToArray();

        var applied = await Task.WhenAll(runners.Select(r => Task.Run(() => r.ApplyAsync(TestContext.Current.CancellationToken))));

        Assert.Equal(2, applied.Sum());
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM public.schema_migrations WHERE module = 'gamma'"));
    }

    [Fact]
    public async Task Rolls_back_a_migration_that_fails_half_way()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var broken = new ModuleMigrations("delta",
        [
            new Migration("delta", 1, "create_schema", "CREATE SCHEMA delta; CREATE TABLE delta.things (id int);"),
            new Migration("delta", 2, "half_way", "CREATE TABLE delta.more (id int); INSERT INTO delta.missing VALUES (1);"),
        ]);

        var ex = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(database.DataSource, [broken]).ApplyAsync(TestContext.Current.CancellationToken));

        Assert.Contains("delta/0002_half_way", ex.Message, StringComparison.Ordinal);
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('delta.more') IS NOT NULL"));
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('delta.things') IS NOT NULL"));
        Assert.Equal([1], await connection.QueryAsync<int>("SELECT version FROM public.schema_migrations WHERE module = 'delta'"));
    }

    [Fact]
    public async Task Refuses_to_run_when_an_applied_migration_was_edited()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await new MigrationRunner(database.DataSource, [Sample("epsilon")]).ApplyAsync(TestContext.Current.CancellationToken);
        var edited = new ModuleMigrations("epsilon",
        [
            new Migration("epsilon", 1, "create_schema", "CREATE SCHEMA epsilon; CREATE TABLE epsilon.things (id bigint PRIMARY KEY);"),
        ]);

        var ex = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(database.DataSource, [edited]).ApplyAsync(TestContext.Current.CancellationToken));

        Assert.Contains("edited after it was applied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_embedded_migrations_in_version_order()
    {
        var audit = Verification.BuildingBlocks.Modules.BuildingBlocksModule.CreateMigrations();

        Assert.Equal("audit", audit.Module);
        Assert.Equal(1, audit.Migrations[0].Version);
        Assert.Contains("CREATE SCHEMA IF NOT EXISTS audit", audit.Migrations[0].Sql, StringComparison.Ordinal);
    }
}
