using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Proctoring.Identity;

/// <summary>
/// Encrypts the module's biometric columns under the learner's own data key (<see cref="LearnerKeys"/>), so erasing
/// the key shreds every copy. The associated data names the table, the row and the column, so a ciphertext copied into
/// another row or column fails to decrypt. Rows written before learner keys existed name a master key id and stay
/// readable through the envelope scheme until they are replaced, purged or erased.
/// </summary>
internal sealed class BiometricCipher(EnvelopeEncryption encryption, LearnerKeys keys)
{
    /// <summary>The key id stored beside a ciphertext sealed with a learner key; master key ids never take this value.</summary>
    public const string LearnerKeyId = "learner";

    private const byte FormatVersion = 2;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public Task<EncryptedBlob> EncryptAsync(Guid learnerId, byte[] plaintext, string table, Guid row, string column, CancellationToken cancellationToken) =>
        EncryptAsync(learnerId, LearnerKeys.IdentityScope, plaintext, Bind(table, row, column), cancellationToken);

    public Task<byte[]> DecryptAsync(Guid learnerId, string keyId, byte[] payload, string table, Guid row, string column, CancellationToken cancellationToken) =>
        DecryptAsync(learnerId, LearnerKeys.IdentityScope, new EncryptedBlob(keyId, payload), Bind(table, row, column), cancellationToken);

    public Task<EncryptedBlob> EncryptEmbeddingAsync(Guid learnerId, ReadOnlySpan<float> embedding, string table, Guid row, string column, CancellationToken cancellationToken) =>
        EncryptAsync(learnerId, MemoryMarshal.AsBytes(embedding).ToArray(), table, row, column, cancellationToken);

    public async Task<float[]> DecryptEmbeddingAsync(Guid learnerId, string keyId, byte[] payload, string table, Guid row, string column, CancellationToken cancellationToken) =>
        MemoryMarshal.Cast<byte, float>(await DecryptAsync(learnerId, keyId, payload, table, row, column, cancellationToken)).ToArray();

    public async Task<EncryptedBlob> EncryptAsync(Guid learnerId, string scope, byte[] plaintext, byte[] associatedData, CancellationToken cancellationToken)
    {
        var key = await keys.GetOrCreateAsync(learnerId, scope, cancellationToken);
        try
        {
            var payload = new byte[HeaderSize + plaintext.Length];
            payload[0] = FormatVersion;
            RandomNumberGenerator.Fill(payload.AsSpan(1, NonceSize));
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(payload.AsSpan(1, NonceSize), plaintext, payload.AsSpan(HeaderSize), payload.AsSpan(1 + NonceSize, TagSize), associatedData);
            return new EncryptedBlob(LearnerKeyId, payload);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <exception cref="DecryptionFailedException">The row was altered or moved, or the learner's key is erased.</exception>
    public async Task<byte[]> DecryptAsync(Guid learnerId, string scope, EncryptedBlob blob, byte[] associatedData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.KeyId != LearnerKeyId)
        {
            return encryption.Decrypt(blob, associatedData);
        }

        var key = await keys.FindAsync(learnerId, scope, cancellationToken)
            ?? throw new DecryptionFailedException("The learner's data key is erased: this ciphertext can no longer be read.");
        try
        {
            var payload = blob.Payload;
            if (payload.Length < HeaderSize || payload[0] != FormatVersion)
            {
                throw new DecryptionFailedException("The ciphertext is truncated or of an unknown format.");
            }

            var plaintext = new byte[payload.Length - HeaderSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(payload.AsSpan(1, NonceSize), payload.AsSpan(HeaderSize), payload.AsSpan(1 + NonceSize, TagSize), plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new DecryptionFailedException("The ciphertext was altered or belongs to another record.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// A tag naming the phrase without its text (the phrase holds the learner's name): an HMAC under a key derived from
    /// the learner's key, so it means nothing once that key is erased. Null when the learner has no key yet.
    /// </summary>
    public async Task<string?> PhraseTagAsync(Guid learnerId, string phrase, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(learnerId, LearnerKeys.IdentityScope, cancellationToken);
        if (key is null)
        {
            return null;
        }

        try
        {
            var tagKey = HMACSHA256.HashData(key, "typing-phrase-tag"u8);
            return "tag:" + Convert.ToBase64String(HMACSHA256.HashData(tagKey, Encoding.UTF8.GetBytes(phrase)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public static byte[] Bind(string table, Guid row, string column) => Encoding.UTF8.GetBytes($"{table}/{row:N}/{column}");
}
