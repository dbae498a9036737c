using System.Net;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Migrations;
using Verification.Host.Startup;
using Verification.Host.Tests.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Audit;

/// <summary>
/// The service as ./run.sh runs it: connected as a role that owns its database and every module's schema and is not a
/// superuser, with the audit schema given to the NOLOGIN role verification_audit by the same provisioning ./run.sh runs
/// (<see cref="AuditOwner"/>, <c>verification audit provision</c>). The service's role migrates every other module,
/// serves, appends to the audit log and verifies it, but can neither rewrite it nor reach its triggers and tables.
/// </summary>
public sealed class ServiceRoleTests : IAsyncLifetime
{
    private readonly string _role = "svc_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _databaseName = "t_" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource _service = null!;

    private string ServiceConnectionString => new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor(_databaseName)) { Username = _role }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await using (var admin = TestPostgres.AdminDataSource())
        await using (var connection = await admin.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync($"CREATE ROLE \"{_role}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            await connection.ExecuteAsync($"CREATE DATABASE \"{_databaseName}\" OWNER \"{_role}\"");
        }

        await using (var superuser = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(_databaseName)))
        {
            await AuditOwner.ProvisionAsync(superuser, _role, TestContext.Current.CancellationToken);
        }

        _service = NpgsqlDataSource.Create(ServiceConnectionString);
        await new MigrationRunner(_service, ModuleCatalog.All.Select(m => m.Migrations)).ApplyAsync(TestContext.Current.CancellationToken);
        var audit = new AuditLog(_service, new AuditKey(Convert.FromBase64String(HostFactory.AuditKey)), TimeProvider.System);
        for (var i = 0; i < 3; i++)
        {
            await audit.AppendAsync(new AuditEntry("system", "test.appended", $"n:{i}", "{}"), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await using var admin = TestPostgres.AdminDataSource();
        await using var connection = await admin.OpenConnectionAsync();
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
        await connection.ExecuteAsync($"DROP ROLE IF EXISTS \"{_role}\"");
    }

    [Theory]
    [InlineData("UPDATE audit.entries SET data = '{\"x\":1}' WHERE sequence = 2")]
    [InlineData("DELETE FROM audit.entries WHERE sequence = 3")]
    [InlineData("TRUNCATE audit.entries")]
    [InlineData("TRUNCATE audit.entries CASCADE")]
    [InlineData("UPDATE audit.chain_head SET sequence = 1")]
    [InlineData("INSERT INTO audit.chain_head (id, sequence, hash) VALUES (2, 0, '\\x00')")]
    [InlineData("DELETE FROM audit.chain_head")]
    [InlineData("TRUNCATE audit.chain_head")]
    [InlineData("DO $$ BEGIN UPDATE audit.chain_head SET sequence = 1; END $$")]
    [InlineData("INSERT INTO audit.entries (sequence, id, occurred_at, actor, action, subject, data, previous_hash, hash) VALUES (1, gen_random_uuid(), now(), 'x', 'x', 'x', '{}', '\\x00', '\\x00')")]
    [InlineData("ALTER TABLE audit.entries DISABLE TRIGGER entries_append_only")]
    [InlineData("ALTER TABLE audit.entries ADD COLUMN note text")]
    [InlineData("ALTER TABLE audit.entries OWNER TO CURRENT_USER")]
    [InlineData("DROP TRIGGER entries_append_only ON audit.entries")]
    [InlineData("DROP TRIGGER chain_head_moves_with_entries ON audit.chain_head")]
    [InlineData("DROP TABLE audit.entries")]
    [InlineData("DROP TABLE audit.chain_head CASCADE")]
    [InlineData("DROP SCHEMA audit CASCADE")]
    [InlineData("CREATE TRIGGER sneak BEFORE INSERT ON audit.entries FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()")]
    [InlineData("CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")]
    [InlineData("CREATE TABLE audit.shadow (i int)")]
    [InlineData("GRANT verification_audit TO CURRENT_USER")]
    [InlineData("SET ROLE verification_audit")]
    [InlineData("SELECT sequence FROM audit.chain_head FOR UPDATE")]
    // A trigger of the service's own fires at depth 2, where the head's guard lets its own mover through.
    [InlineData("CREATE TABLE public.decoy (i int); CREATE FUNCTION public.move_head() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE audit.chain_head SET sequence = 1; RETURN NULL; END $$; CREATE TRIGGER decoy_moves AFTER INSERT ON public.decoy FOR EACH ROW EXECUTE FUNCTION public.move_head(); INSERT INTO public.decoy VALUES (1)")]
    public async Task The_service_role_cannot_rewrite_the_audit_log(string sql)
    {
        await using var connection = await _service.OpenConnectionAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));

        var report = await new AuditChainVerifier(_service, new AuditKey(Convert.FromBase64String(HostFactory.AuditKey))).VerifyAsync(TestContext.Current.CancellationToken);
        Assert.True(report.IsIntact);
        Assert.Equal(3, report.EntriesChecked);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit.entries'::regclass AND tgname IN ('entries_append_only', 'entries_no_truncate')"));
    }

    [Fact]
    public async Task The_service_role_still_appends_and_verifies_after_the_refusals()
    {
        var audit = new AuditLog(_service, new AuditKey(Convert.FromBase64String(HostFactory.AuditKey)), TimeProvider.System);
        await using (var connection = await _service.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("DROP TRIGGER entries_append_only ON audit.entries"));
            await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("TRUNCATE audit.entries"));
        }

        var sequence = await audit.AppendAsync(new AuditEntry("system", "test.appended", "n:after", "{}"), TestContext.Current.CancellationToken);
        var report = await new AuditChainVerifier(_service, new AuditKey(Convert.FromBase64String(HostFactory.AuditKey))).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(4, sequence);
        Assert.True(report.IsIntact);
        Assert.Equal(4, report.HeadSequence);
    }

    [Fact]
    public async Task Provisioning_again_changes_nothing_and_takes_over_an_audit_schema_the_service_owned()
    {
        await using (var superuser = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(_databaseName)))
        await using (var connection = await superuser.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            // As a cluster of an earlier ./run.sh left it: the service's role owned the audit schema and its tables.
            await connection.ExecuteAsync($"ALTER SCHEMA audit OWNER TO \"{_role}\"; ALTER TABLE audit.entries OWNER TO \"{_role}\"; ALTER TABLE audit.chain_head OWNER TO \"{_role}\"");
            await AuditOwner.ProvisionAsync(superuser, _role, TestContext.Current.CancellationToken);
            await AuditOwner.ProvisionAsync(superuser, _role, TestContext.Current.CancellationToken);
        }

        await using var service = await _service.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var owners = await service.QueryAsync<string>(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = 'audit'::regnamespace AND relkind = 'r' UNION ALL SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'audit'");
        Assert.All(owners, o => Assert.Equal(AuditOwner.Role, o));
        await Assert.ThrowsAsync<PostgresException>(() => service.ExecuteAsync("DROP TRIGGER entries_append_only ON audit.entries"));
        var report = await new AuditChainVerifier(_service, new AuditKey(Convert.FromBase64String(HostFactory.AuditKey))).VerifyAsync(TestContext.Current.CancellationToken);
        Assert.True(report.IsIntact);
    }

    [Fact]
    public async Task The_service_role_is_no_superuser_and_owns_the_module_schemas_but_not_the_audit_schema()
    {
        await using var connection = await _service.OpenConnectionAsync(TestContext.Current.CancellationToken);

        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        var owners = (await connection.QueryAsync<(string Schema, string Owner)>(
            "SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname IN ('audit', 'catalog', 'enrollment', 'billing', 'proctoring', 'certificates')")).ToList();
        Assert.Equal(6, owners.Count);
        Assert.All(owners.Where(o => o.Schema != "audit"), o => Assert.Equal(_role, o.Owner));
        Assert.Equal(AuditOwner.Role, owners.Single(o => o.Schema == "audit").Owner);
        Assert.False(await connection.ExecuteScalarAsync<bool>($"SELECT pg_has_role(current_user, '{AuditOwner.Role}', 'USAGE')"));
    }

    [Fact]
    public async Task The_host_runs_as_the_service_role()
    {
        await using var factory = new HostFactory(ServiceConnectionString);
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
