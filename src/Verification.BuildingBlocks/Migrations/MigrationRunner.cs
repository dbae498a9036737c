using Dapper;
using Npgsql;
using Serilog;

namespace Verification.BuildingBlocks.Migrations;

/// <summary>
/// Applies each module's pending migrations, each in its own transaction, recorded in
/// <c>public.schema_migrations</c>. A session advisory lock makes nodes that start together take turns.
/// With <paramref name="runAs"/>, each migration's SQL runs under that role (a superuser provisioning a schema for a
/// role that does not log in), and the ledger is written as the connecting role.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, IEnumerable<ModuleMigrations> modules, string? runAs = null)
{
    // Any constant works as long as every node uses the same one; this spells "verif" in ASCII.
    private const long AdvisoryLockKey = 0x7665726966;

    private const string CreateLedgerSql = """
        CREATE TABLE IF NOT EXISTS public.schema_migrations (
            module     text        NOT NULL,
            version    integer     NOT NULL,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (module, version)
        )
        """;

    private readonly IReadOnlyList<ModuleMigrations> _modules = [.. modules];

    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateLedgerSql, cancellationToken: cancellationToken));
            var applied = await ReadLedgerAsync(connection, cancellationToken);
            var count = 0;
            foreach (var module in _modules)
            {
                foreach (var migration in module.Migrations)
                {
                    if (applied.TryGetValue((migration.Module, migration.Version), out var checksum))
                    {
                        if (checksum != migration.Checksum)
                        {
                            throw new MigrationException(
                                $"Migration {migration.Module}/{migration.Version:D4}_{migration.Name} was edited after it was applied. " +
                                "Applied migrations are never edited: add a new numbered migration instead.");
                        }

                        continue;
                    }

                    await ApplyOneAsync(connection, migration, runAs, cancellationToken);
                    count++;
                }
            }

            return count;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    /// <summary>Migrations known to this build but not yet recorded in the database.</summary>
    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ledgerExists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('public.schema_migrations') IS NOT NULL", cancellationToken: cancellationToken));
        var applied = ledgerExists ? await ReadLedgerAsync(connection, cancellationToken) : [];
        var pending = new List<Migration>();
        foreach (var module in _modules)
        {
            pending.AddRange(module.Migrations.Where(m => !applied.ContainsKey((m.Module, m.Version))));
        }

        return pending;
    }

    private static async Task<Dictionary<(string Module, int Version), string>> ReadLedgerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Module, int Version, string Checksum)>(new CommandDefinition(
            "SELECT module, version, checksum FROM public.schema_migrations", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (r.Module, r.Version), r => r.Checksum);
    }

    private static async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, string? runAs, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (runAs is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT set_config('role', @runAs, true)", new { runAs }, transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            if (runAs is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition("RESET ROLE", transaction: transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO public.schema_migrations (module, version, name, checksum) VALUES (@Module, @Version, @Name, @Checksum)",
                migration,
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new MigrationException(
                $"Migration {migration.Module}/{migration.Version:D4}_{migration.Name} failed and was rolled back: {ex.MessageText}", ex);
        }

        Log.Information("Applied migration {Module}/{Version} {Name}", migration.Module, migration.Version, migration.Name);
    }
}
