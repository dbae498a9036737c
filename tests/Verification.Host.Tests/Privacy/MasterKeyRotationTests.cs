using Verification.BuildingBlocks.Encryption;
using Verification.Host.Startup;
using Verification.Testing;

namespace Verification.Host.Tests.Privacy;

/// <summary>
/// Master-key rotation over everything under the master key (learner keys, flag evidence, older biometric rows, signing
/// keys, webhook secrets), on real PostgreSQL with writers and readers running, as two nodes would run it at once.
/// </summary>
public sealed class MasterKeyRotationTests : IAsyncLifetime
{
    private static readonly string OldKey = EnvelopeEncryption.GenerateKey();
    private static readonly string NewKey = EnvelopeEncryption.GenerateKey();
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync([.. ModuleCatalog.All.Select(m => m.Migrations)]);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void The_rows_under_test_cover_every_sealed_column_the_modules_declare()
    {
        var declared = ModuleCatalog.All.SelectMany(m => m.SealedColumns).Select(c => $"{c.Table}.{c.Column}").Order().ToList();

        Assert.Equal(10, ModuleCatalog.All.SelectMany(m => m.SealedColumns).Select(c => c.Table).Distinct().Count());
        Assert.Equal(declared, SealedRows.Covered.Order().ToList());
    }

    [Fact]
    public async Task Every_row_of_every_class_stays_readable_before_during_and_after_a_rotation_under_writers_and_readers()
    {
        var before = Keys("old", ("old", OldKey));
        var lagging = Keys("old", ("old", OldKey), ("new", NewKey));
        var during = Keys("new", ("old", OldKey), ("new", NewKey));
        var after = Keys("new", ("new", NewKey));
        var rows = new SealedRows(_database.DataSource);
        for (var i = 0; i < 25; i++)
        {
            await rows.AddOneOfEachAsync(before, Cancel);
        }

        var readBefore = await rows.ReadAllAsync(before, Cancel);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                reads += await rows.ReadAllAsync(during, Cancel);
            }

            return reads;
        })).ToList();
        // A restarted node writes under the new key, a node not yet restarted still under the old one, and sessions
        // keep being updated, so rotation batches meet locked rows.
        var writers = new[] { during, lagging }.Select(encryption => Task.Run(async () =>
        {
            var written = 0;
            while (!stop.IsCancellationRequested)
            {
                await rows.AddAsync(written++, encryption, Cancel);
            }

            return written;
        })).Append(Task.Run(async () =>
        {
            var updates = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var connection = await _database.DataSource.OpenConnectionAsync(Cancel);
                await using var command = new Npgsql.NpgsqlCommand("UPDATE proctoring.sessions SET frames_received = frames_received + 1 WHERE evidence IS NOT NULL", connection);
                updates += await command.ExecuteNonQueryAsync(Cancel) > 0 ? 1 : 0;
            }

            return updates;
        })).ToList();

        var rewrapped = await Task.WhenAll(Rotation(during).RewrapAllAsync(null, 7, TimeSpan.Zero, Cancel), Rotation(during).RewrapAllAsync(null, 7, TimeSpan.Zero, Cancel));
        await stop.CancelAsync();
        var readDuring = (await Task.WhenAll(readers)).Sum();
        var written = await Task.WhenAll(writers);
        // What the lagging node wrote after the passes is what the Host's job picks up on its next pass.
        await Rotation(during).RewrapAllAsync(null, 7, TimeSpan.Zero, Cancel);

        Assert.Equal(SealedRows.Covered.Count() * 25, readBefore);
        Assert.True(rewrapped.Sum() >= readBefore, $"re-wrapped {rewrapped.Sum()} of {readBefore}");
        Assert.True(readDuring >= 2 * readBefore, $"only {readDuring} reads ran during the rotation");
        Assert.True(written[0] > 0 && written[1] > 0 && written[2] > 0, "the writers did not run during the rotation");
        Assert.Equal(0, await Rotation(during).RemainingAsync(Cancel));
        Assert.Equal(rows.Count, await rows.ReadAllAsync(after, Cancel));
        Assert.Equal(rows.Count, (await Rotation(after).StatusAsync(Cancel)).Sum(s => s.UnderActiveKey));
    }

    [Fact]
    public async Task A_rewrapped_ciphertext_opens_only_with_its_own_row_binding_and_not_with_the_retired_key_alone()
    {
        var during = Keys("new", ("old", OldKey), ("new", NewKey));
        var sealedUnderOld = Keys("old", ("old", OldKey)).Encrypt("secret"u8, "row-1"u8);

        var rewrapped = during.Rewrap(sealedUnderOld);

        Assert.Equal("new", rewrapped.KeyId);
        Assert.Equal("secret"u8.ToArray(), Keys("new", ("new", NewKey)).Decrypt(rewrapped, "row-1"u8));
        Assert.Throws<DecryptionFailedException>(() => during.Decrypt(rewrapped, "row-2"u8));
        Assert.Throws<DecryptionFailedException>(() => Keys("old", ("old", OldKey)).Decrypt(rewrapped with { KeyId = "old" }, "row-1"u8));
        var tampered = (byte[])rewrapped.Payload.Clone();
        tampered[20] ^= 1;
        Assert.Throws<DecryptionFailedException>(() => during.Rewrap(rewrapped with { Payload = tampered }));
    }

    private MasterKeyRotation Rotation(EnvelopeEncryption encryption) =>
        new(_database.DataSource, encryption, [.. ModuleCatalog.All.SelectMany(m => m.SealedColumns)]);

    internal static EnvelopeEncryption Keys(string active, params (string Id, string Key)[] keys)
    {
        var options = new EncryptionOptions { ActiveKeyId = active };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new EnvelopeEncryption(options);
    }
}
