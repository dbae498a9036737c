using System.Security.Cryptography;

namespace Verification.BuildingBlocks.Encryption;

/// <summary>
/// AES-256-GCM envelope encryption: every blob gets its own random data key, which is wrapped by the
/// configured key-encryption key. Rotating the key-encryption key then only rewraps 60 bytes per row.
/// The caller's associated data (a row id and purpose) binds a ciphertext to its row so it cannot be moved.
/// </summary>
public sealed class EnvelopeEncryption
{
    private const byte FormatVersion = 1;
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + KeySize + TagSize + NonceSize + TagSize;

    private readonly string _activeKeyId;
    private readonly Dictionary<string, byte[]> _keys;

    public EnvelopeEncryption(EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, base64) in options.Keys)
        {
            var key = TryFromBase64(base64);
            if (key is not { Length: KeySize })
            {
                throw new Verification.BuildingBlocks.SettingInvalidException($"Encryption key '{id}' must be the base64 of exactly {KeySize} bytes (Encryption:Keys:{id}).");
            }

            _keys[id] = key;
        }

        if (!_keys.ContainsKey(options.ActiveKeyId))
        {
            throw new Verification.BuildingBlocks.SettingInvalidException(
                $"Encryption:ActiveKeyId '{options.ActiveKeyId}' names no key under Encryption:Keys. Configure a 32-byte base64 key.");
        }

        _activeKeyId = options.ActiveKeyId;
    }

    public string ActiveKeyId => _activeKeyId;

    public EncryptedBlob Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var payload = new byte[HeaderSize + plaintext.Length];
        payload[0] = FormatVersion;
        var wrapNonce = payload.AsSpan(1, NonceSize);
        var wrappedKey = payload.AsSpan(1 + NonceSize, KeySize);
        var wrapTag = payload.AsSpan(1 + NonceSize + KeySize, TagSize);
        var dataNonce = payload.AsSpan(1 + NonceSize + KeySize + TagSize, NonceSize);
        var dataTag = payload.AsSpan(1 + (2 * NonceSize) + KeySize + TagSize, TagSize);
        var ciphertext = payload.AsSpan(HeaderSize);

        Span<byte> dataKey = stackalloc byte[KeySize];
        try
        {
            RandomNumberGenerator.Fill(dataKey);
            RandomNumberGenerator.Fill(wrapNonce);
            RandomNumberGenerator.Fill(dataNonce);
            using (var wrap = new AesGcm(_keys[_activeKeyId], TagSize))
            {
                wrap.Encrypt(wrapNonce, dataKey, wrappedKey, wrapTag, KeyIdBytes(_activeKeyId));
            }

            using var data = new AesGcm(dataKey, TagSize);
            data.Encrypt(dataNonce, plaintext, ciphertext, dataTag, associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }

        return new EncryptedBlob(_activeKeyId, payload);
    }

    public byte[] Decrypt(EncryptedBlob blob, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!_keys.TryGetValue(blob.KeyId, out var keyEncryptionKey))
        {
            throw new DecryptionFailedException($"The ciphertext names key '{blob.KeyId}', which this node does not hold.");
        }

        var payload = blob.Payload;
        if (payload.Length < HeaderSize || payload[0] != FormatVersion)
        {
            throw new DecryptionFailedException("The ciphertext is truncated or of an unknown format.");
        }

        var plaintext = new byte[payload.Length - HeaderSize];
        Span<byte> dataKey = stackalloc byte[KeySize];
        try
        {
            using (var wrap = new AesGcm(keyEncryptionKey, TagSize))
            {
                wrap.Decrypt(payload.AsSpan(1, NonceSize), payload.AsSpan(1 + NonceSize, KeySize), payload.AsSpan(1 + NonceSize + KeySize, TagSize), dataKey, KeyIdBytes(blob.KeyId));
            }

            using var data = new AesGcm(dataKey, TagSize);
            data.Decrypt(
                payload.AsSpan(1 + NonceSize + KeySize + TagSize, NonceSize),
                payload.AsSpan(HeaderSize),
                payload.AsSpan(1 + (2 * NonceSize) + KeySize + TagSize, TagSize),
                plaintext,
                associatedData);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new DecryptionFailedException("The ciphertext was altered or belongs to another record.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }

        return plaintext;
    }

    /// <summary>The listed keys other than the active one: rows naming them are what a rotation re-wraps.</summary>
    public IReadOnlyList<string> RetiredKeyIds => [.. _keys.Keys.Where(id => id != _activeKeyId).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The same ciphertext with its data key re-wrapped under the active key. Only the wrap changes (its associated data
    /// is the key id), so this needs neither the plaintext nor the row's associated data, and the result still decrypts
    /// with the row's associated data and no other.
    /// </summary>
    /// <exception cref="DecryptionFailedException">The wrap was altered or names a key this node does not hold.</exception>
    public EncryptedBlob Rewrap(EncryptedBlob blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!_keys.TryGetValue(blob.KeyId, out var keyEncryptionKey))
        {
            throw new DecryptionFailedException($"The ciphertext names key '{blob.KeyId}', which this node does not hold.");
        }

        if (blob.Payload.Length < HeaderSize || blob.Payload[0] != FormatVersion)
        {
            throw new DecryptionFailedException("The ciphertext is truncated or of an unknown format.");
        }

        var payload = (byte[])blob.Payload.Clone();
        var wrapNonce = payload.AsSpan(1, NonceSize);
        var wrappedKey = payload.AsSpan(1 + NonceSize, KeySize);
        var wrapTag = payload.AsSpan(1 + NonceSize + KeySize, TagSize);
        Span<byte> dataKey = stackalloc byte[KeySize];
        try
        {
            using (var unwrap = new AesGcm(keyEncryptionKey, TagSize))
            {
                unwrap.Decrypt(wrapNonce, wrappedKey, wrapTag, dataKey, KeyIdBytes(blob.KeyId));
            }

            RandomNumberGenerator.Fill(wrapNonce);
            using var wrap = new AesGcm(_keys[_activeKeyId], TagSize);
            wrap.Encrypt(wrapNonce, dataKey, wrappedKey, wrapTag, KeyIdBytes(_activeKeyId));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new DecryptionFailedException("The ciphertext's key wrap was altered.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }

        return new EncryptedBlob(_activeKeyId, payload);
    }

    public static string GenerateKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize));

    private static byte[] KeyIdBytes(string keyId) => System.Text.Encoding.UTF8.GetBytes(keyId);

    private static byte[]? TryFromBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
