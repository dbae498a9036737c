using Dapper;
using Npgsql;
using Verification.Matching.Face;

namespace Verification.Proctoring.Identity.UploadIdPhoto;

internal sealed record IdPhotoAccepted(bool MatchesFace);

/// <summary>
/// Checks the photo of a photo ID: one face, matched against the learner's accepted webcam frames. A match keeps the
/// photo (encrypted, evidence for a reviewer) and its embedding; a mismatch keeps nothing.
/// </summary>
internal sealed class UploadIdPhotoHandler(
    FaceEngine faces, FaceOptions options, EnrollmentSettings settings, EnrollmentDraft draft, BiometricCipher cipher, NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string UpsertSql = """
        INSERT INTO proctoring.id_photos (learner_id, image, image_key_id, content_type, embedding, embedding_key_id, uploaded_at, delete_after)
        VALUES (@learnerId, @image, @imageKeyId, @contentType, @embedding, @embeddingKeyId, @now, NULL)
        ON CONFLICT (learner_id) DO UPDATE SET image = EXCLUDED.image, image_key_id = EXCLUDED.image_key_id,
            content_type = EXCLUDED.content_type, embedding = EXCLUDED.embedding, embedding_key_id = EXCLUDED.embedding_key_id,
            uploaded_at = EXCLUDED.uploaded_at, delete_after = NULL
        """;

    public async Task<(IdPhotoAccepted? Accepted, FaceRejection? Rejection)> HandleAsync(Guid learnerId, byte[] image, string contentType, CancellationToken cancellationToken)
    {
        var frames = await draft.FrameEmbeddingsAsync(learnerId, cancellationToken);
        if (frames.Count == 0)
        {
            return (null, new FaceRejection(IdentityRejections.FaceFramesFirst, "Take the webcam pictures of your face first: the ID photo is compared with them."));
        }

        var analysis = faces.Analyze(image, settings.IdPhotoGates);
        if (analysis.Rejection is not null || analysis.Embedding is null)
        {
            return (null, analysis.Rejection ?? FaceRejections.NoFace);
        }

        if (FaceTemplate.Create(frames).Score(analysis.Embedding) < options.MatchThreshold)
        {
            return (null, new FaceRejection(IdentityRejections.IdPhotoMismatch, IdentityRejections.IdPhotoMismatchMessage));
        }

        var sealedImage = await cipher.EncryptAsync(learnerId, image, EnrollmentDraft.IdPhotosTable, learnerId, "image", cancellationToken);
        var sealedEmbedding = await cipher.EncryptEmbeddingAsync(learnerId, analysis.Embedding, EnrollmentDraft.IdPhotosTable, learnerId, "embedding", cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            UpsertSql,
            new
            {
                learnerId,
                image = sealedImage.Payload,
                imageKeyId = sealedImage.KeyId,
                contentType,
                embedding = sealedEmbedding.Payload,
                embeddingKeyId = sealedEmbedding.KeyId,
                now = time.GetUtcNow(),
            },
            cancellationToken: cancellationToken));
        return (new IdPhotoAccepted(true), null);
    }
}
