namespace Verification.BuildingBlocks.Encryption;

/// <summary>
/// Key-encryption keys from configuration (<c>Encryption:ActiveKeyId</c>, <c>Encryption:Keys:{id}</c> = base64 of 32 bytes).
/// Old keys stay listed so that rows written under them can still be read after a rotation.
/// </summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    public string ActiveKeyId { get; set; } = "";

    public Dictionary<string, string> Keys { get; init; } = [];
}
