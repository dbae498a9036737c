using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;

namespace Verification.BuildingBlocks.Audit;

/// <summary>
/// Gives the audit schema to a role of its own, <see cref="Role"/> (NOLOGIN), so that the service's role, which owns
/// every other schema, cannot drop the audit log's triggers or tables, alter them, or move the chain head: it keeps
/// only what appending and verifying need (USAGE on the schema, SELECT and INSERT on the entries, SELECT on the head,
/// EXECUTE on <c>audit.lock_head()</c>). Run by a superuser on the service's database before the Host starts
/// (<c>verification audit provision</c>, which <c>./run.sh</c> runs); applies the audit migrations as that role and hands
/// over what an earlier service role made. Safe to repeat. The Host then finds the audit migrations applied.
/// </summary>
public static class AuditOwner
{
    public const string Role = "verification_audit";

    private const string PrepareSql = """
        DO $$
        DECLARE
            item record;
        BEGIN
            BEGIN
                CREATE ROLE verification_audit NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- made already, by an earlier run or for another database of the cluster
            END;
            -- The audit migrations say CREATE SCHEMA IF NOT EXISTS, which asks for CREATE on the database.
            EXECUTE format('GRANT CREATE ON DATABASE %I TO verification_audit', current_database());
            CREATE SCHEMA IF NOT EXISTS audit AUTHORIZATION verification_audit;
            ALTER SCHEMA audit OWNER TO verification_audit;
            FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'audit' AND c.relkind IN ('r', 'p', 'S', 'v')
                          AND c.relowner <> 'verification_audit'::regrole LOOP
                EXECUTE format('ALTER %s %s OWNER TO verification_audit', CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, item.name);
            END LOOP;
            FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = 'audit' AND p.proowner <> 'verification_audit'::regrole LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO verification_audit', item.name);
            END LOOP;
        END
        $$;
        """;

    private const string GrantSql = """
        DO $$
        DECLARE
            service text := current_setting('verification.service_role');
        BEGIN
            EXECUTE format('REVOKE ALL ON SCHEMA audit FROM PUBLIC, %I', service);
            EXECUTE format('GRANT USAGE ON SCHEMA audit TO %I', service);
            EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA audit FROM PUBLIC, %I', service);
            EXECUTE format('GRANT SELECT, INSERT ON audit.entries TO %I', service);
            EXECUTE format('GRANT SELECT ON audit.chain_head TO %I', service);
            EXECUTE format('GRANT EXECUTE ON FUNCTION audit.lock_head() TO %I', service);
            -- The ledger stays the service's, which applies every other module's migrations.
            EXECUTE format('ALTER TABLE public.schema_migrations OWNER TO %I', service);
        END
        $$;
        """;

    /// <param name="superuser">A superuser's connection to the service's database.</param>
    /// <param name="serviceRole">The role the Host connects as.</param>
    public static async Task ProvisionAsync(NpgsqlDataSource superuser, string serviceRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(superuser);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceRole);
        await using (var connection = await superuser.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(PrepareSql, cancellationToken: cancellationToken));
        }

        await new MigrationRunner(superuser, [BuildingBlocksModule.CreateMigrations()], Role).ApplyAsync(cancellationToken);

        await using (var connection = await superuser.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT set_config('verification.service_role', @serviceRole, true)", new { serviceRole }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(GrantSql, transaction: transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
