using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Encryption;
using Verification.Matching.Keystroke.FreeText;

namespace Verification.Proctoring.Identity;

/// <summary>
/// The learner's free-text typing profile (<c>identity_profiles.free_text_profile</c>, encrypted under their identity
/// key): built at enrollment from the pledge typings, refined by the answer typing of sessions that end Verified.
/// </summary>
internal sealed class FreeTextProfiles(NpgsqlDataSource dataSource, BiometricCipher cipher)
{
    public const string Table = "identity_profiles";
    public const string Column = "free_text_profile";

    // A learner whose erasure is pending is left to the erasure: no key is made for them again. One erased earlier who enrolled
    // again (a completed erasure) has a new profile, and it is refined like any other.
    private const string LockSql = """
        SELECT free_text_profile AS Profile, free_text_profile_key_id AS KeyId FROM proctoring.identity_profiles p
        WHERE learner_id = @learnerId AND NOT EXISTS (SELECT 1 FROM proctoring.erasures e WHERE e.learner_id = p.learner_id AND e.completed_at IS NULL)
        FOR UPDATE
        """;

    private const string UpdateSql = """
        UPDATE proctoring.identity_profiles SET free_text_profile = @profile, free_text_profile_key_id = @keyId, free_text_refinements = free_text_refinements + 1
        WHERE learner_id = @learnerId
        """;

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
        cipher.EncryptAsync(learnerId, FreeTextProfileBytes.ToBytes(profile), Table, learnerId, Column, cancellationToken);

    /// <summary>
    /// Merges a verified session's answer typing into the learner's profile (starting one for a learner who has none);
    /// false when the learner has no identity profile any more or their erasure is pending.
    /// </summary>
    public async Task<bool> RefineAsync(Guid learnerId, FreeTextProfile sessionTyping, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(LockSql, new { learnerId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return false;
        }

        var profile = row.Profile is null || row.KeyId is null
            ? new FreeTextProfile()
            : FreeTextProfileBytes.FromBytes(await cipher.DecryptAsync(learnerId, row.KeyId, row.Profile, Table, learnerId, Column, cancellationToken));
        profile.Merge(sessionTyping);
        var sealedProfile = await SealAsync(learnerId, profile, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new { learnerId, profile = sealedProfile.Payload, keyId = sealedProfile.KeyId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class Row
    {
        public byte[]? Profile { get; init; }

        public string? KeyId { get; init; }
    }
}
