using Dapper;
using Npgsql;
using Verification.Matching.Keystroke;

namespace Verification.Proctoring.Identity;

/// <summary>
/// The learner's fixed-phrase typing profile (<c>identity_profiles.keystroke_profile</c>, encrypted under their identity
/// key): built at enrollment, refined by the scored typing checks of sessions that end Verified.
/// </summary>
internal sealed class TypingProfiles(NpgsqlDataSource dataSource, BiometricCipher cipher)
{
    public const string Table = "identity_profiles";
    public const string Column = "keystroke_profile";

    // A learner whose erasure is pending is left to the erasure: no key is made for them again. One erased earlier who enrolled
    // again (a completed erasure) has a new profile, and it is refined like any other.
    private const string LockSql = """
        SELECT keystroke_profile AS Profile, keystroke_profile_key_id AS KeyId FROM proctoring.identity_profiles p
        WHERE learner_id = @learnerId AND NOT EXISTS (SELECT 1 FROM proctoring.erasures e WHERE e.learner_id = p.learner_id AND e.completed_at IS NULL)
        FOR UPDATE
        """;

    private const string UpdateSql = """
        UPDATE proctoring.identity_profiles SET keystroke_profile = @profile, keystroke_profile_key_id = @keyId, typing_refinements = typing_refinements + 1
        WHERE learner_id = @learnerId
        """;

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

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(LockSql, new { learnerId }, transaction, cancellationToken: cancellationToken));
        if (row?.Profile is null || row.KeyId is null)
        {
            return false;
        }

        var profile = KeystrokeProfile.FromBytes(await cipher.DecryptAsync(learnerId, row.KeyId, row.Profile, Table, learnerId, Column, cancellationToken));
        if (!AreOf(profile, verifiedTypings))
        {
            return false;
        }

        var refined = profile.Refine(verifiedTypings);
        var sealedProfile = await cipher.EncryptAsync(learnerId, refined.ToBytes(), Table, learnerId, Column, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new { learnerId, profile = sealedProfile.Payload, keyId = sealedProfile.KeyId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

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

    private sealed class Row
    {
        public byte[]? Profile { get; init; }

        public string? KeyId { get; init; }
    }
}
