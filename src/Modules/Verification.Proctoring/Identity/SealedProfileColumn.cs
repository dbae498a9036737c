using Dapper;
using Npgsql;

namespace Verification.Proctoring.Identity;

/// <summary>
/// One encrypted profile column of <c>identity_profiles</c> changed under its row's lock: read, decrypted, changed,
/// sealed again under the learner's identity key and counted in its refinements column, in one transaction. A learner
/// whose erasure is pending is left to the erasure, so no key is made for them again; one erased earlier who enrolled
/// again (a completed erasure) has a new profile, changed like any other.
/// </summary>
internal sealed class SealedProfileColumn(NpgsqlDataSource dataSource, BiometricCipher cipher, string column, string refinementsColumn)
{
    public const string Table = "identity_profiles";

    private readonly string _lockSql = $"""
        SELECT {column} AS Profile, {column}_key_id AS KeyId FROM proctoring.identity_profiles p
        WHERE learner_id = @learnerId AND NOT EXISTS (SELECT 1 FROM proctoring.erasures e WHERE e.learner_id = p.learner_id AND e.completed_at IS NULL)
        FOR UPDATE
        """;

    private readonly string _updateSql = $"""
        UPDATE proctoring.identity_profiles SET {column} = @profile, {column}_key_id = @keyId, {refinementsColumn} = {refinementsColumn} + 1
        WHERE learner_id = @learnerId
        """;

    /// <summary>
    /// Hands the learner's decrypted profile bytes (null when the column is empty) to <paramref name="change"/> and stores
    /// what it returns; false, with nothing written, when the learner has no identity profile, their erasure is pending,
    /// or <paramref name="change"/> returns null.
    /// </summary>
    public async Task<bool> ChangeAsync(Guid learnerId, Func<byte[]?, byte[]?> change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(_lockSql, new { learnerId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return false;
        }

        var current = row.Profile is null || row.KeyId is null
            ? null
            : await cipher.DecryptAsync(learnerId, row.KeyId, row.Profile, Table, learnerId, column, cancellationToken);
        if (change(current) is not { } changed)
        {
            return false;
        }

        var sealedProfile = await SealAsync(learnerId, changed, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_updateSql, new { learnerId, profile = sealedProfile.Payload, keyId = sealedProfile.KeyId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task<BuildingBlocks.Encryption.EncryptedBlob> SealAsync(Guid learnerId, byte[] profile, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(learnerId, profile, Table, learnerId, column, cancellationToken);

    private sealed class Row
    {
        public byte[]? Profile { get; init; }

        public string? KeyId { get; init; }
    }
}
