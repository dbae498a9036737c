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
/// The service as ./run.sh runs it: connected as a role that owns its database and schemas and is not a superuser.
/// That role migrates every module, serves, and appends to the audit log, but cannot rewrite it with ordinary SQL.
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
    public async Task The_service_role_cannot_rewrite_the_audit_log(string sql)
    {
        await using var connection = await _service.OpenConnectionAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));

        var report = await new AuditChainVerifier(_service, new AuditKey(Convert.FromBase64String(HostFactory.AuditKey))).VerifyAsync(TestContext.Current.CancellationToken);
        Assert.True(report.IsIntact);
        Assert.Equal(3, report.EntriesChecked);
    }

    [Fact]
    public async Task The_service_role_is_no_superuser_and_owns_the_module_schemas()
    {
        await using var connection = await _service.OpenConnectionAsync(TestContext.Current.CancellationToken);

        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        var owners = (await connection.QueryAsync<(string Schema, string Owner)>(
            "SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname IN ('audit', 'catalog', 'enrollment', 'billing', 'proctoring', 'certificates')")).ToList();
        Assert.Equal(6, owners.Count);
        Assert.All(owners, o => Assert.Equal(_role, o.Owner));
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
