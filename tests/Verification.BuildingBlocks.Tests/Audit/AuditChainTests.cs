using Dapper;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Modules;
using Verification.Testing;

namespace Verification.BuildingBlocks.Tests.Audit;

public sealed class AuditChainTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync([BuildingBlocksModule.CreateMigrations()]);
        var log = new AuditLog(_database.DataSource, _time);
        for (var i = 1; i <= 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1.234567));
            await log.AppendAsync(new AuditEntry($"reviewer:{i}", "review.decided", $"case:{i}", $$"""{"decision":"approve","n":{{i}}}"""), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Finds_an_untouched_chain_intact()
    {
        var report = await new AuditChainVerifier(_database.DataSource).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.True(report.IsIntact);
        Assert.Equal(5, report.EntriesChecked);
    }

    [Fact]
    public async Task Refuses_updates_and_deletes_through_ordinary_sql()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE audit.entries SET actor = 'x' WHERE sequence = 2"));
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("DELETE FROM audit.entries WHERE sequence = 2"));
    }

    [Fact]
    public async Task Finds_a_modified_entry()
    {
        await TamperAsync("UPDATE audit.entries SET data = replace(data, 'approve', 'reject') WHERE sequence = 3");

        var report = await new AuditChainVerifier(_database.DataSource).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(3, AuditChainBreakKind.Modified)], report.Breaks);
    }

    [Fact]
    public async Task Finds_a_deleted_entry()
    {
        await TamperAsync("DELETE FROM audit.entries WHERE sequence = 2");

        var report = await new AuditChainVerifier(_database.DataSource).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(2, AuditChainBreakKind.Missing)], report.Breaks);
    }

    [Fact]
    public async Task Finds_a_deleted_entry_when_the_later_ones_were_renumbered()
    {
        await TamperAsync("DELETE FROM audit.entries WHERE sequence = 2; UPDATE audit.entries SET sequence = sequence - 1 WHERE sequence > 2; UPDATE audit.chain_head SET sequence = 4");

        var report = await new AuditChainVerifier(_database.DataSource).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Contains(new AuditChainBreak(2, AuditChainBreakKind.OutOfOrder), report.Breaks);
    }

    [Fact]
    public async Task Finds_removed_entries_at_the_end()
    {
        await TamperAsync("DELETE FROM audit.entries WHERE sequence >= 4");

        var report = await new AuditChainVerifier(_database.DataSource).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(4, AuditChainBreakKind.Missing), new AuditChainBreak(5, AuditChainBreakKind.Missing)], report.Breaks);
    }

    [Fact]
    public async Task Finds_two_entries_swapped()
    {
        await TamperAsync("UPDATE audit.entries SET sequence = -2 WHERE sequence = 2; UPDATE audit.entries SET sequence = 2 WHERE sequence = 3; UPDATE audit.entries SET sequence = 3 WHERE sequence = -2");

        var report = await new AuditChainVerifier(_database.DataSource).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Contains(new AuditChainBreak(2, AuditChainBreakKind.OutOfOrder), report.Breaks);
        Assert.Contains(new AuditChainBreak(3, AuditChainBreakKind.OutOfOrder), report.Breaks);
        Assert.DoesNotContain(report.Breaks, b => b.Kind == AuditChainBreakKind.Modified);
    }

    /// <summary>What someone with superuser rights could do: switch the append-only trigger off and edit rows.</summary>
    private async Task TamperAsync(string sql)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync($"ALTER TABLE audit.entries DISABLE TRIGGER entries_append_only; {sql}; ALTER TABLE audit.entries ENABLE TRIGGER entries_append_only;");
    }
}
