using Dapper;
using Microsoft.Extensions.Time.Testing;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;
using Verification.Testing;

namespace Verification.BuildingBlocks.Tests.Audit;

/// <summary>
/// A database whose audit log was written before the keyed chain (plain SHA-256 links, migration audit/0001 only):
/// migration audit/0002 keeps those entries, and the cut-over entry the Host appends at start-up vouches for them.
/// </summary>
public sealed class AuditCutOverTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AuditKey _key = new(Convert.FromBase64String(AuditKey.Generate()));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        var all = BuildingBlocksModule.CreateMigrations();
        _database = await TestDatabase.CreateMigratedAsync([all with { Migrations = [all.Migrations[0]] }]);
        await using (var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            // As the code before audit/0002 wrote them: unkeyed links, the head moved by the writer.
            var previous = new byte[AuditHash.Size];
            for (var sequence = 1L; sequence <= 3; sequence++)
            {
                _time.Advance(TimeSpan.FromMinutes(1));
                var id = Guid.CreateVersion7(_time.GetUtcNow());
                var entry = new AuditEntry("reviewer:1", "review.decided", $"case:{sequence}", """{"decision":"approve"}""");
                var hash = AuditHash.ComputeUnkeyed(previous, id, _time.GetUtcNow(), entry);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO audit.entries (sequence, id, occurred_at, actor, action, subject, data, previous_hash, hash)
                    VALUES (@sequence, @id, @at, @Actor, @Action, @Subject, @Data, @previous, @hash);
                    UPDATE audit.chain_head SET sequence = @sequence, hash = @hash;
                    """,
                    new { sequence, id, at = _time.GetUtcNow(), entry.Actor, entry.Action, entry.Subject, entry.Data, previous, hash });
                previous = hash;
            }
        }

        await new MigrationRunner(_database.DataSource, [all]).ApplyAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_cut_over_entry_is_appended_once_and_the_chain_verifies()
    {
        var log = new AuditLog(_database.DataSource, _key, _time);

        Assert.True(await log.StartKeyedChainAsync(TestContext.Current.CancellationToken));
        Assert.False(await log.StartKeyedChainAsync(TestContext.Current.CancellationToken));
        await log.AppendAsync(new AuditEntry("reviewer:2", "review.decided", "case:9", "{}"), TestContext.Current.CancellationToken);

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var marker = await connection.QuerySingleAsync<(string Action, string Data)>("SELECT action, data FROM audit.entries WHERE sequence = 4");
        Assert.True(report.IsIntact);
        Assert.Equal(5, report.EntriesChecked);
        Assert.Equal(3, report.UnkeyedEntries);
        Assert.Equal((AuditLog.KeyedChainStarted, """{"unkeyedThrough":3}"""), marker);
    }

    [Fact]
    public async Task Unkeyed_entries_without_the_cut_over_entry_are_reported_not_keyed()
    {
        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(3, AuditChainBreakKind.NotKeyed)], report.Breaks);
    }

    [Fact]
    public async Task An_unkeyed_entry_rewritten_after_the_cut_over_breaks_the_keyed_link_to_it()
    {
        await new AuditLog(_database.DataSource, _key, _time).StartKeyedChainAsync(TestContext.Current.CancellationToken);
        await using (var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            // Without the key, the most an attacker can do to an unkeyed entry: rewrite it and recompute its own link.
            var row = await connection.QuerySingleAsync<(Guid Id, DateTime At, byte[] Previous)>("SELECT id, occurred_at, previous_hash FROM audit.entries WHERE sequence = 3");
            var forged = AuditHash.ComputeUnkeyed(row.Previous, row.Id, new DateTimeOffset(DateTime.SpecifyKind(row.At, DateTimeKind.Utc)), new AuditEntry("reviewer:1", "review.decided", "case:3", """{"decision":"reject"}"""));
            await connection.ExecuteAsync(
                """
                ALTER TABLE audit.entries DISABLE TRIGGER USER;
                UPDATE audit.entries SET data = '{"decision":"reject"}', hash = @forged WHERE sequence = 3;
                ALTER TABLE audit.entries ENABLE TRIGGER USER;
                """,
                new { forged });
        }

        var report = await new AuditChainVerifier(_database.DataSource, _key).VerifyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new AuditChainBreak(4, AuditChainBreakKind.OutOfOrder)], report.Breaks);
    }
}
