namespace Verification.BuildingBlocks.Encryption;

/// <summary>A ciphertext and the id of the key-encryption key that wraps it; stored side by side in a row.</summary>
public sealed record EncryptedBlob(string KeyId, byte[] Payload);
