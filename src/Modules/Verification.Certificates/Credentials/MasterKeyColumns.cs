using Verification.BuildingBlocks.Encryption;

namespace Verification.Certificates.Credentials;

/// <summary>Where this module keeps secrets under the master key: what a master-key rotation re-wraps.</summary>
internal static class MasterKeyColumns
{
    public static IReadOnlyList<SealedColumn> All { get; } =
    [
        new("certificate signing keys", "certificates.signing_keys", "private_key", "private_key_key_id"),
        new("webhook secrets", "certificates.webhook_endpoints", "secret", "secret_key_id"),
    ];
}
