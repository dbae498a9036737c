namespace Verification.BuildingBlocks.Encryption;

/// <summary>A ciphertext was altered, truncated, bound to other data, or names a key this node does not hold.</summary>
public sealed class DecryptionFailedException : Exception
{
    public DecryptionFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public DecryptionFailedException()
    {
    }

    public DecryptionFailedException(string message)
        : base(message)
    {
    }
}
