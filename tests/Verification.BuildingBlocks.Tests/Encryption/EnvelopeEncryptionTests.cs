using System.Text;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks;

namespace Verification.BuildingBlocks.Tests.Encryption;

public sealed class EnvelopeEncryptionTests
{
    private static readonly byte[] Row = Encoding.UTF8.GetBytes("profile:0193a5b0-0000-7000-8000-000000000001");

    private static EnvelopeEncryption Create(string active, params (string Id, string Key)[] keys)
    {
        var options = new EncryptionOptions { ActiveKeyId = active };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new EnvelopeEncryption(options);
    }

    [Fact]
    public void Round_trips_a_payload_and_records_the_key_id()
    {
        var encryption = Create("k1", ("k1", EnvelopeEncryption.GenerateKey()));
        var plaintext = Encoding.UTF8.GetBytes("a biometric template");

        var blob = encryption.Encrypt(plaintext, Row);

        Assert.Equal("k1", blob.KeyId);
        Assert.DoesNotContain("template", Encoding.UTF8.GetString(blob.Payload), StringComparison.Ordinal);
        Assert.Equal(plaintext, encryption.Decrypt(blob, Row));
    }

    [Fact]
    public void Rejects_a_ciphertext_with_one_flipped_bit()
    {
        var encryption = Create("k1", ("k1", EnvelopeEncryption.GenerateKey()));
        var blob = encryption.Encrypt(new byte[100], Row);
        blob.Payload[^1] ^= 0x01;

        Assert.Throws<DecryptionFailedException>(() => encryption.Decrypt(blob, Row));
    }

    [Fact]
    public void Rejects_a_ciphertext_moved_to_another_row()
    {
        var encryption = Create("k1", ("k1", EnvelopeEncryption.GenerateKey()));
        var blob = encryption.Encrypt(new byte[10], Row);

        Assert.Throws<DecryptionFailedException>(() => encryption.Decrypt(blob, Encoding.UTF8.GetBytes("profile:another")));
    }

    [Fact]
    public void Rejects_a_key_id_the_node_does_not_hold()
    {
        var encryption = Create("k1", ("k1", EnvelopeEncryption.GenerateKey()));
        var blob = encryption.Encrypt(new byte[10], Row);

        Assert.Throws<DecryptionFailedException>(() => encryption.Decrypt(blob with { KeyId = "k9" }, Row));
    }

    [Fact]
    public void Rejects_a_key_id_swapped_for_another_held_key()
    {
        var encryption = Create("k1", ("k1", EnvelopeEncryption.GenerateKey()), ("k2", EnvelopeEncryption.GenerateKey()));
        var blob = encryption.Encrypt(new byte[10], Row);

        Assert.Throws<DecryptionFailedException>(() => encryption.Decrypt(blob with { KeyId = "k2" }, Row));
    }

    [Fact]
    public void Reads_rows_written_under_a_retired_key_after_rotation()
    {
        var oldKey = EnvelopeEncryption.GenerateKey();
        var before = Create("k1", ("k1", oldKey));
        var blob = before.Encrypt(Encoding.UTF8.GetBytes("kept"), Row);

        var after = Create("k2", ("k1", oldKey), ("k2", EnvelopeEncryption.GenerateKey()));

        Assert.Equal("kept", Encoding.UTF8.GetString(after.Decrypt(blob, Row)));
        Assert.Equal("k2", after.Encrypt([1], Row).KeyId);
    }

    [Fact]
    public void Refuses_a_key_that_is_not_32_bytes()
    {
        var ex = Assert.Throws<SettingInvalidException>(() => Create("k1", ("k1", Convert.ToBase64String(new byte[16]))));
        Assert.Contains("Encryption:Keys:k1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_truncated_ciphertext()
    {
        var encryption = Create("k1", ("k1", EnvelopeEncryption.GenerateKey()));
        var blob = encryption.Encrypt(new byte[10], Row);

        Assert.Throws<DecryptionFailedException>(() => encryption.Decrypt(blob with { Payload = blob.Payload[..20] }, Row));
    }
}
