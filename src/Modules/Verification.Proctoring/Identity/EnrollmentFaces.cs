using Dapper;
using Npgsql;

namespace Verification.Proctoring.Identity;

/// <summary>A kept picture of the learner's face from enrollment, decrypted.</summary>
internal sealed record EnrollmentFace(int Number, byte[] Jpeg);

/// <summary>
/// The pictures of the learner's face kept from enrollment for reviewers: a small JPEG crop of each of the first few
/// accepted frames, sealed under the learner's identity key. While the enrollment is in progress a crop sits beside its
/// frame's embedding; when the profile is built, <see cref="KeepAsync"/> moves them to <c>enrollment_faces</c>, whose
/// rows the profile's deletion takes with it (the template's retention).
/// </summary>
internal sealed class EnrollmentFaces(NpgsqlDataSource dataSource, BiometricCipher cipher)
{
    public const string Table = "enrollment_faces";
    public const string DraftColumn = "face_crop";

    /// <summary>Longest side of a kept crop, in pixels: enough for a person to compare, small enough to stay a few KB.</summary>
    public const int Side = 192;

    /// <summary>How many enrollment pictures a reviewer sees.</summary>
    public const int Kept = 3;

    private const string DraftSql = """
        SELECT id, key_id, face_crop, captured_at FROM proctoring.enrollment_frames
        WHERE learner_id = @learnerId AND face_crop IS NOT NULL ORDER BY captured_at, id LIMIT @kept
        """;

    private const string ReplaceSql = """
        DELETE FROM proctoring.enrollment_faces WHERE learner_id = @learnerId;
        """;

    private const string InsertSql = """
        INSERT INTO proctoring.enrollment_faces (learner_id, number, image, key_id, captured_at)
        VALUES (@learnerId, @number, @image, @keyId, @capturedAt)
        """;

    private const string ReadSql = "SELECT number, image, key_id FROM proctoring.enrollment_faces WHERE learner_id = @learnerId AND (@number::int IS NULL OR number = @number) ORDER BY number";

    public static string Column(int number) => $"image/{number}";

    /// <summary>The draft's crops sealed for keeping (decrypted and sealed again under their new place), before the transaction that keeps them.</summary>
    public async Task<IReadOnlyList<SealedFace>> SealFromDraftAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, string KeyId, byte[] Crop, DateTime CapturedAt)>(new CommandDefinition(DraftSql, new { learnerId, kept = Kept }, cancellationToken: cancellationToken));
        var faces = new List<SealedFace>();
        foreach (var row in rows)
        {
            var crop = await cipher.DecryptAsync(learnerId, row.KeyId, row.Crop, EnrollmentDraft.FramesTable, row.Id, DraftColumn, cancellationToken);
            var number = faces.Count + 1;
            var blob = await cipher.EncryptAsync(learnerId, crop, Table, learnerId, Column(number), cancellationToken);
            faces.Add(new SealedFace(number, blob.Payload, blob.KeyId, row.CapturedAt));
        }

        return faces;
    }

    /// <summary>Replaces the learner's kept pictures, in the transaction that stores their profile (which must exist first).</summary>
    public static async Task KeepAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid learnerId, IReadOnlyList<SealedFace> faces, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(ReplaceSql, new { learnerId }, transaction, cancellationToken: cancellationToken));
        foreach (var face in faces)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                InsertSql, new { learnerId, number = face.Number, image = face.Payload, keyId = face.KeyId, capturedAt = face.CapturedAt }, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>The learner's kept pictures (or the one numbered <paramref name="number"/>), decrypted.</summary>
    /// <exception cref="BuildingBlocks.Encryption.DecryptionFailedException">A row was altered or moved, or the learner's key is gone.</exception>
    public async Task<IReadOnlyList<EnrollmentFace>> ReadAsync(Guid learnerId, int? number, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Number, byte[] Image, string KeyId)>(new CommandDefinition(ReadSql, new { learnerId, number }, cancellationToken: cancellationToken));
        var faces = new List<EnrollmentFace>();
        foreach (var row in rows)
        {
            faces.Add(new EnrollmentFace(row.Number, await cipher.DecryptAsync(learnerId, row.KeyId, row.Image, Table, learnerId, Column(row.Number), cancellationToken)));
        }

        return faces;
    }

    internal sealed record SealedFace(int Number, byte[] Payload, string KeyId, DateTime CapturedAt);
}
