using System.Runtime.InteropServices;
using System.Text;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Proctoring.Identity;

/// <summary>
/// Encrypts the module's biometric columns. The associated data names the table, the row and the column, so a
/// ciphertext copied into another learner's row, or into another column, fails to decrypt.
/// </summary>
internal sealed class BiometricCipher(EnvelopeEncryption encryption)
{
    public EncryptedBlob Encrypt(ReadOnlySpan<byte> plaintext, string table, Guid row, string column) =>
        encryption.Encrypt(plaintext, Bind(table, row, column));

    public byte[] Decrypt(string keyId, byte[] payload, string table, Guid row, string column) =>
        encryption.Decrypt(new EncryptedBlob(keyId, payload), Bind(table, row, column));

    public EncryptedBlob EncryptEmbedding(ReadOnlySpan<float> embedding, string table, Guid row, string column) =>
        Encrypt(MemoryMarshal.AsBytes(embedding), table, row, column);

    public float[] DecryptEmbedding(string keyId, byte[] payload, string table, Guid row, string column) =>
        MemoryMarshal.Cast<byte, float>(Decrypt(keyId, payload, table, row, column)).ToArray();

    private static byte[] Bind(string table, Guid row, string column) => Encoding.UTF8.GetBytes($"{table}/{row:N}/{column}");
}
