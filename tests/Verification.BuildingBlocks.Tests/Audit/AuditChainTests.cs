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
    private readonly AuditKey _key = new(Convert.FromBase64String(AuditKey.Generate()));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync([BuildingBlocksModule.CreateMigrations()]);
        var log = new AuditLog(_database.DataSource, _key, _time);
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
        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.True(report.IsIntact);
        Assert.Equal(5, report.EntriesChecked);
    }

    [Theory]
    [InlineData("UPDATE audit.entries SET actor = 'x' WHERE sequence = 2")]
    [InlineData("DELETE FROM audit.entries WHERE sequence = 2")]
    [InlineData("TRUNCATE audit.entries")]
    [InlineData("UPDATE audit.chain_head SET sequence = 2")]
    [InlineData("DELETE FROM audit.chain_head")]
    [InlineData("TRUNCATE audit.chain_head")]
    [InlineData("DO $$ BEGIN UPDATE audit.chain_head SET sequence = 2; END $$")]
    public async Task Refuses_changes_through_ordinary_sql_even_from_a_superuser(string sql)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));

        Assert.True((await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken)).IsIntact);
    }

    [Fact]
    public async Task Refuses_an_appended_entry_that_does_not_follow_the_head()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            """
            INSERT INTO audit.entries (sequence, id, occurred_at, actor, action, subject, data, previous_hash, hash)
            VALUES (9, gen_random_uuid(), now(), 'x', 'x', 'x', '{}', '\x00', '\x00')
            """));
        Assert.Contains("does not follow the chain head 5", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifies_nothing_with_another_key()
    {
        var report = await new AuditChainVerifier(_database.DataSource, new AuditKey(Convert.FromBase64String(AuditKey.Generate()))).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 5).Select(s => new AuditChainBreak(s, AuditChainBreakKind.Modified)), report.Breaks);
    }

    [Fact]
    public async Task Finds_a_modified_entry_whose_later_links_were_recomputed_without_the_key()
    {
        // Everything an attacker with the tables but not Audit:Key can do: change entry 3, then relink 3, 4 and 5 and
        // the head with a key of their own, so that every previous_hash matches.
        var attackerKey = new AuditKey(Convert.FromBase64String(AuditKey.Generate()));
        await TamperAsync("UPDATE audit.entries SET data = replace(data, 'approve', 'reject') WHERE sequence = 3");
        await RelinkAsync(from: 3, (previous, id, at, entry) => AuditHash.Compute(attackerKey, previous, id, at, entry), keyed: true);

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new AuditChainBreak(3, AuditChainBreakKind.Modified), report.FirstBreak);
        Assert.DoesNotContain(report.Breaks, b => b.Sequence < 3);
    }

    [Fact]
    public async Task Finds_a_chain_rewritten_as_unkeyed_links()
    {
        await TamperAsync("UPDATE audit.entries SET data = replace(data, 'approve', 'reject') WHERE sequence = 3");
        await RelinkAsync(from: 1, AuditHash.ComputeUnkeyed, keyed: false);

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(5, AuditChainBreakKind.NotKeyed)], report.Breaks);
    }

    [Fact]
    public async Task Finds_a_keyed_entry_downgraded_to_an_unkeyed_link()
    {
        await TamperAsync("UPDATE audit.entries SET data = replace(data, 'approve', 'reject') WHERE sequence = 4");
        await RelinkAsync(from: 4, AuditHash.ComputeUnkeyed, keyed: false, through: 4);

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new AuditChainBreak(4, AuditChainBreakKind.Modified), report.FirstBreak);
    }

    [Fact]
    public async Task Reports_the_head_to_record_outside_the_database()
    {
        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var lastHash = await connection.ExecuteScalarAsync<byte[]>("SELECT hash FROM audit.entries WHERE sequence = 5");
        Assert.Equal(5, report.HeadSequence);
        Assert.Equal(Convert.ToHexStringLower(lastHash!), report.HeadHash);
        Assert.Equal(0, report.UnkeyedEntries);
        Assert.Null(report.FirstBreak);
    }

    [Fact]
    public async Task Finds_a_modified_entry()
    {
        await TamperAsync("UPDATE audit.entries SET data = replace(data, 'approve', 'reject') WHERE sequence = 3");

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(3, AuditChainBreakKind.Modified)], report.Breaks);
    }

    [Fact]
    public async Task Finds_a_deleted_entry()
    {
        await TamperAsync("DELETE FROM audit.entries WHERE sequence = 2");

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(2, AuditChainBreakKind.Missing)], report.Breaks);
    }

    [Fact]
    public async Task Finds_a_deleted_entry_when_the_later_ones_were_renumbered()
    {
        await TamperAsync("DELETE FROM audit.entries WHERE sequence = 2; UPDATE audit.entries SET sequence = sequence - 1 WHERE sequence > 2; UPDATE audit.chain_head SET sequence = 4");

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Contains(new AuditChainBreak(2, AuditChainBreakKind.OutOfOrder), report.Breaks);
    }

    [Fact]
    public async Task Finds_removed_entries_at_the_end()
    {
        await TamperAsync("DELETE FROM audit.entries WHERE sequence >= 4");

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(4, AuditChainBreakKind.Missing), new AuditChainBreak(5, AuditChainBreakKind.Missing)], report.Breaks);
    }

    [Fact]
    public async Task Finds_two_entries_swapped()
    {
        await TamperAsync("UPDATE audit.entries SET sequence = -2 WHERE sequence = 2; UPDATE audit.entries SET sequence = 2 WHERE sequence = 3; UPDATE audit.entries SET sequence = 3 WHERE sequence = -2");

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Contains(new AuditChainBreak(2, AuditChainBreakKind.OutOfOrder), report.Breaks);
        Assert.Contains(new AuditChainBreak(3, AuditChainBreakKind.OutOfOrder), report.Breaks);
        Assert.DoesNotContain(report.Breaks, b => b.Kind == AuditChainBreakKind.Modified);
    }

    /// <summary>What someone with superuser rights could do: switch the audit tables' triggers off and edit rows.</summary>
    private async Task TamperAsync(string sql)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            $"ALTER TABLE audit.entries DISABLE TRIGGER USER; ALTER TABLE audit.chain_head DISABLE TRIGGER USER; {sql}; " +
            "ALTER TABLE audit.entries ENABLE TRIGGER USER; ALTER TABLE audit.chain_head ENABLE TRIGGER USER;");
    }

    private delegate byte[] Link(ReadOnlySpan<byte> previousHash, Guid id, DateTimeOffset occurredAt, AuditEntry entry);

    /// <summary>Recomputes the links from <paramref name="from"/> on with <paramref name="link"/> and moves the head to match.</summary>
    private async Task RelinkAsync(long from, Link link, bool keyed, long through = long.MaxValue)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var rows = (await connection.QueryAsync<(long Sequence, Guid Id, DateTime OccurredAt, string Actor, string Action, string Subject, string Data)>(
            "SELECT sequence, id, occurred_at, actor, action, subject, data FROM audit.entries WHERE sequence >= @from AND sequence <= @through ORDER BY sequence",
            new { from, through })).ToList();
        var previous = from == 1
            ? new byte[AuditHash.Size]
            : await connection.ExecuteScalarAsync<byte[]>("SELECT hash FROM audit.entries WHERE sequence = @s", new { s = from - 1 });
        var sql = new System.Text.StringBuilder();
        var parameters = new DynamicParameters();
        foreach (var row in rows)
        {
            var hash = link(previous, row.Id, new DateTimeOffset(DateTime.SpecifyKind(row.OccurredAt, DateTimeKind.Utc)), new AuditEntry(row.Actor, row.Action, row.Subject, row.Data));
            sql.Append($"UPDATE audit.entries SET previous_hash = @p{row.Sequence}, hash = @h{row.Sequence}, keyed = {keyed} WHERE sequence = {row.Sequence};");
            parameters.Add($"p{row.Sequence}", previous);
            parameters.Add($"h{row.Sequence}", hash);
            previous = hash;
        }

        if (through == long.MaxValue)
        {
            sql.Append("UPDATE audit.chain_head SET hash = @head;");
            parameters.Add("head", previous);
        }

        await TamperAsync(sql.ToString().TrimEnd(';'), parameters);
    }

    private async Task TamperAsync(string sql, DynamicParameters parameters)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            $"ALTER TABLE audit.entries DISABLE TRIGGER USER; ALTER TABLE audit.chain_head DISABLE TRIGGER USER; {sql}; " +
            "ALTER TABLE audit.entries ENABLE TRIGGER USER; ALTER TABLE audit.chain_head ENABLE TRIGGER USER;",
            parameters);
    }
}
