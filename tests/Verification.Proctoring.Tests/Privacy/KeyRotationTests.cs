using Dapper;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Privacy;

/// <summary>Master-key rotation re-wraps learner keys while biometric rows are being read.</summary>
public sealed class KeyRotationTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private const int Learners = 240;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_row_stays_readable_before_during_and_after_a_rotation_under_concurrent_reads()
    {
        var newKey = EnvelopeEncryption.GenerateKey();
        var before = Encryption("test1", ("test1", ProctoringHostFactory.EncryptionKey));
        var during = Encryption("test2", ("test1", ProctoringHostFactory.EncryptionKey), ("test2", newKey));
        var after = Encryption("test2", ("test2", newKey));
        var writer = Cipher(before);
        var rows = new List<(Guid Learner, EncryptedBlob Blob, byte[] Plain)>();
        for (var i = 0; i < Learners; i++)
        {
            var learner = Guid.CreateVersion7();
            var plain = BitConverter.GetBytes(i);
            rows.Add((learner, await writer.EncryptAsync(learner, plain, "identity_profiles", learner, "face_template", Cancel), plain));
        }

        var reader = Cipher(during);
        var readsBefore = await ReadAllAsync(Cipher(before), rows);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                reads += await ReadAllAsync(reader, rows);
            }

            return reads;
        })).ToList();
        var rotations = await Task.WhenAll(Rotation(during).RewrapAllAsync(null, 20, TimeSpan.Zero, Cancel), Rotation(during).RewrapAllAsync(null, 20, TimeSpan.Zero, Cancel));
        await stop.CancelAsync();
        var readsDuring = (await Task.WhenAll(readers)).Sum();
        var readsAfter = await ReadAllAsync(Cipher(after), rows);

        Assert.Equal(Learners, readsBefore);
        Assert.True(readsDuring >= Learners, $"only {readsDuring} reads ran during the rotation");
        Assert.Equal(Learners, readsAfter);
        Assert.True(rotations.Sum() >= Learners);
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM proctoring.learner_keys WHERE learner_id = ANY(@ids) AND key_id <> 'test2'", new { ids = rows.Select(r => r.Learner).ToArray() }));
    }

    private static async Task<int> ReadAllAsync(BiometricCipher cipher, IReadOnlyList<(Guid Learner, EncryptedBlob Blob, byte[] Plain)> rows)
    {
        foreach (var (learner, blob, plain) in rows)
        {
            Assert.Equal(plain, await cipher.DecryptAsync(learner, blob.KeyId, blob.Payload, "identity_profiles", learner, "face_template", Cancel));
        }

        return rows.Count;
    }

    private BiometricCipher Cipher(EnvelopeEncryption encryption) => new(encryption, new LearnerKeys(app.DataSource, encryption, app.Time));

    private MasterKeyRotation Rotation(EnvelopeEncryption encryption) => new(app.DataSource, encryption, new ProctoringModule().SealedColumns);

    private static EnvelopeEncryption Encryption(string active, params (string Id, string Key)[] keys)
    {
        var options = new EncryptionOptions { ActiveKeyId = active };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new EnvelopeEncryption(options);
    }
}
