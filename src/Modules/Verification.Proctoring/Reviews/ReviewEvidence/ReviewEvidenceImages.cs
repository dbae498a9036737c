using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Sessions.Store;

namespace Verification.Proctoring.Reviews.ReviewEvidence;

internal sealed record EvidenceImage(byte[] Bytes, string ContentType);

/// <summary>Decrypts one picture of a case for the reviewer looking at it: nothing is cached or written anywhere else.</summary>
internal sealed class ReviewEvidenceImages(NpgsqlDataSource dataSource, BiometricCipher cipher, EnrollmentFaces enrollmentFaces)
{
    public async Task<EvidenceImage?> FrameAsync(Guid caseId, int frame, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid SessionId, Guid LearnerId, byte[] Image, string KeyId)?>(new CommandDefinition(
            """
            SELECT e.session_id, c.learner_id, e.image, e.key_id FROM proctoring.evidence_frames e
            JOIN proctoring.review_cases c ON c.session_id = e.session_id
            WHERE c.id = @caseId AND e.frame = @frame
            """,
            new { caseId, frame }, cancellationToken: cancellationToken));
        return row is { } r
            ? Framed(await ReadableOrNull(cipher.DecryptAsync(
                r.LearnerId, LearnerKeys.SessionScope(r.SessionId), new EncryptedBlob(r.KeyId, r.Image), SessionStore.EvidenceBinding(r.SessionId, frame), cancellationToken)))
            : null;
    }

    public async Task<EvidenceImage?> IdPhotoAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid LearnerId, byte[] Image, string KeyId, string ContentType)?>(new CommandDefinition(
            """
            SELECT p.learner_id, p.image, p.image_key_id, p.content_type FROM proctoring.id_photos p
            JOIN proctoring.review_cases c ON c.learner_id = p.learner_id
            WHERE c.id = @caseId
            """,
            new { caseId }, cancellationToken: cancellationToken));
        return row is { } r
            && await ReadableOrNull(cipher.DecryptAsync(r.LearnerId, r.KeyId, r.Image, EnrollmentDraft.IdPhotosTable, r.LearnerId, "image", cancellationToken)) is { } bytes
            ? new EvidenceImage(bytes, r.ContentType)
            : null;
    }

    public async Task<EvidenceImage?> EnrollmentFaceAsync(Guid caseId, int number, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var learnerId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT learner_id FROM proctoring.review_cases WHERE id = @caseId", new { caseId }, cancellationToken: cancellationToken));
        if (learnerId is not { } learner)
        {
            return null;
        }

        try
        {
            var faces = await enrollmentFaces.ReadAsync(learner, number, cancellationToken);
            return faces.Count == 1 ? new EvidenceImage(faces[0].Jpeg, "image/jpeg") : null;
        }
        catch (DecryptionFailedException)
        {
            return null;
        }
    }

    // A row whose learner key an erasure destroyed moments ago is as gone as a deleted one.
    private static async Task<byte[]?> ReadableOrNull(Task<byte[]> decryption)
    {
        try
        {
            return await decryption;
        }
        catch (DecryptionFailedException)
        {
            return null;
        }
    }

    // The player sends JPEG or PNG; the frame keeps no content type of its own.
    private static EvidenceImage? Framed(byte[]? bytes) => bytes is null ? null :
        new(bytes, bytes.Length > 4 && bytes[0] == 0x89 && bytes[1] == (byte)'P' ? "image/png" : "image/jpeg");
}
