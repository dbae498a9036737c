using Npgsql;
using Verification.Matching.Keystroke;

namespace Verification.Proctoring.Identity;

/// <summary>
/// The learner's fixed-phrase typing profile (<c>identity_profiles.keystroke_profile</c>, encrypted under their identity
/// key): built at enrollment, refined by the scored typing checks of sessions that end Verified when those checks favour the
/// learner by the fitted refinement level (<see cref="Matching.Fusion.SessionEvidence.TypingRefinesProfile"/>).
/// </summary>
internal sealed class TypingProfiles(NpgsqlDataSource dataSource, BiometricCipher cipher)
{
    public const string Table = SealedProfileColumn.Table;
    public const string Column = "keystroke_profile";

    private readonly SealedProfileColumn _column = new(dataSource, cipher, Column, "typing_refinements");

    /// <summary>
    /// Adds a verified session's typings to the learner's profile; false when the learner has no identity profile or no
    /// typing profile any more, no typings are given, their erasure is pending, or they re-enrolled on another phrase since the session started.
    /// </summary>
    public async Task<bool> RefineAsync(Guid learnerId, IReadOnlyList<KeystrokeSample> verifiedTypings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verifiedTypings);
        if (verifiedTypings.Count == 0)
        {
            return false;
        }

        return await _column.ChangeAsync(learnerId, bytes => bytes is null ? null : Refined(KeystrokeProfile.FromBytes(bytes), verifiedTypings), cancellationToken);
    }

    private static byte[]? Refined(KeystrokeProfile profile, IReadOnlyList<KeystrokeSample> typings) =>
        AreOf(profile, typings) ? profile.Refine(typings).ToBytes() : null;

    private static bool AreOf(KeystrokeProfile profile, IReadOnlyList<KeystrokeSample> typings)
    {
        foreach (var typing in typings)
        {
            if (!string.Equals(typing.Phrase, profile.Phrase, StringComparison.Ordinal) || typing.Features.Length != profile.FeatureCount)
            {
                return false;
            }
        }

        return true;
    }
}
