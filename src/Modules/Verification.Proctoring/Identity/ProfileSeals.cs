using System.Buffers.Binary;
using System.Text;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Proctoring.Identity;

/// <summary>The identity profile's small sealed fields (typing phrase, ID-photo score), each bound to its learner and column.</summary>
internal static class ProfileSeals
{
    public static Task<EncryptedBlob> SealPhraseAsync(this BiometricCipher cipher, Guid learnerId, string phrase, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(learnerId, Encoding.UTF8.GetBytes(phrase), "identity_profiles", learnerId, "typing_phrase", cancellationToken);

    public static async Task<string> OpenPhraseAsync(this BiometricCipher cipher, Guid learnerId, string keyId, byte[] payload, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await cipher.DecryptAsync(learnerId, keyId, payload, "identity_profiles", learnerId, "typing_phrase", cancellationToken));

    public static Task<EncryptedBlob> SealIdPhotoScoreAsync(this BiometricCipher cipher, Guid learnerId, float score, CancellationToken cancellationToken)
    {
        var bytes = new byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, score);
        return cipher.EncryptAsync(learnerId, bytes, "identity_profiles", learnerId, "id_photo_score", cancellationToken);
    }

    public static async Task<float> OpenIdPhotoScoreAsync(this BiometricCipher cipher, Guid learnerId, string keyId, byte[] payload, CancellationToken cancellationToken) =>
        BinaryPrimitives.ReadSingleLittleEndian(await cipher.DecryptAsync(learnerId, keyId, payload, "identity_profiles", learnerId, "id_photo_score", cancellationToken));
}
