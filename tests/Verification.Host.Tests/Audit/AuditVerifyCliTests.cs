using Dapper;
using Microsoft.Extensions.Time.Testing;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Modules;
using Verification.Testing;

namespace Verification.Host.Tests.Audit;

/// <summary><c>verification audit verify</c>, run as an operator runs it: the built CLI as a process, with the Host's environment variables.</summary>
public sealed class AuditVerifyCliTests : IAsyncLifetime
{
    private readonly string _key = AuditKey.Generate();
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync([BuildingBlocksModule.CreateMigrations()]);
        var log = new AuditLog(_database.DataSource, new AuditKey(Convert.FromBase64String(_key)), new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)));
        for (var i = 1; i <= 4; i++)
        {
            await log.AppendAsync(new AuditEntry($"reviewer:{i}", "review.decided", $"case:{i}", """{"decision":"approve"}"""), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Reports_an_intact_chain_and_exits_0()
    {
        var (exitCode, output) = await RunAsync(_key);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("audit chain intact: 4 entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_entry_a_superuser_modified_and_exits_1()
    {
        await using (var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                "ALTER TABLE audit.entries DISABLE TRIGGER USER; UPDATE audit.entries SET data = '{\"decision\":\"reject\"}' WHERE sequence = 2; ALTER TABLE audit.entries ENABLE TRIGGER USER;");
        }

        var (exitCode, output) = await RunAsync(_key);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("audit chain broken: first bad entry #2 (modified", output, StringComparison.Ordinal);
        Assert.DoesNotContain("#3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_every_entry_broken_under_another_key()
    {
        var (exitCode, output) = await RunAsync(AuditKey.Generate());

        Assert.Equal(1, exitCode);
        Assert.Contains("first bad entry #1 (modified", output, StringComparison.Ordinal);
        Assert.Contains("4 break(s)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Audit:Key is not set")]
    [InlineData("c2hvcnQ=", "Audit:Key holds 5 bytes")]
    public async Task Cannot_run_without_a_usable_key_and_exits_2(string key, string expected)
    {
        var (exitCode, output) = await RunAsync(key);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string key)
    {
        var result = await ChildProcess.CliAsync(["audit", "verify"], new Dictionary<string, string?>
        {
            ["VERIFICATION_DB"] = _database.ConnectionString,
            ["Audit__Key"] = key,
        });
        return (result.ExitCode, result.Output + result.Error);
    }
}
