using Npgsql;
using Verification.BuildingBlocks.Encryption;
using Verification.Matching.Keystroke.FreeText;

namespace Verification.Proctoring.Identity;

/// <summary>
/// The learner's free-text typing profile (<c>identity_profiles.free_text_profile</c>, encrypted under their identity
/// key): built at enrollment from the pledge typings, refined by the answer typing of sessions that end Verified when a
/// configured model judged it to favour the learner (<see cref="Matching.Fusion.SessionEvidence.FreeTextRefinesProfile"/>).
/// </summary>
internal sealed class FreeTextProfiles(NpgsqlDataSource dataSource, BiometricCipher cipher)
{
    public const string Table = SealedProfileColumn.Table;
    public const string Column = "free_text_profile";

    private readonly SealedProfileColumn _column = new(dataSource, cipher, Column, "free_text_refinements");

    /// <summary>The pledge typings of an enrollment as a profile, each typing its own run; null when they hold no key press.</summary>
    public static FreeTextProfile? FromEnrollment(IEnumerable<IReadOnlyList<ClassKeystroke>> typings)
    {
        var profile = new FreeTextProfile();
        foreach (var typing in typings)
        {
            profile.Add(typing);
        }

        return profile.Keystrokes == 0 ? null : profile;
    }

    public Task<EncryptedBlob> SealAsync(Guid learnerId, FreeTextProfile profile, CancellationToken cancellationToken) =>
        _column.SealAsync(learnerId, FreeTextProfileBytes.ToBytes(profile), cancellationToken);

    /// <summary>
    /// Merges a verified session's answer typing into the learner's profile (starting one for a learner who has none);
    /// false when the learner has no identity profile any more or their erasure is pending.
    /// </summary>
    public Task<bool> RefineAsync(Guid learnerId, FreeTextProfile sessionTyping, CancellationToken cancellationToken) =>
        _column.ChangeAsync(
            learnerId,
            bytes =>
            {
                var profile = bytes is null ? new FreeTextProfile() : FreeTextProfileBytes.FromBytes(bytes);
                profile.Merge(sessionTyping);
                return FreeTextProfileBytes.ToBytes(profile);
            },
            cancellationToken);
}
