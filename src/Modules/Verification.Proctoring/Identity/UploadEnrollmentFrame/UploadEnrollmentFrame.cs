using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Ids;
using Verification.Matching.Face;

namespace Verification.Proctoring.Identity.UploadEnrollmentFrame;

internal sealed record FrameAccepted(Guid FrameId, int AcceptedFrames, int RequiredFrames);

/// <summary>
/// Runs one webcam frame through the enrollment quality gates. An accepted frame keeps its embedding and a small crop
/// of the face (for reviewers, <see cref="EnrollmentFaces"/>), both encrypted; the frame itself is not stored.
/// </summary>
internal sealed class UploadEnrollmentFrameHandler(
    FaceEngine faces, FaceOptions options, EnrollmentSettings settings, EnrollmentDraft draft, BiometricCipher cipher, NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string InsertSql = """
        INSERT INTO proctoring.enrollment_frames (id, learner_id, embedding, key_id, face_crop, captured_at)
        VALUES (@id, @learnerId, @embedding, @keyId, @crop, @now)
        """;

    /// <returns>The accepted frame, or the rejection (a face-core reason, or <c>frame_limit_reached</c>).</returns>
    public async Task<(FrameAccepted? Accepted, FaceRejection? Rejection)> HandleAsync(Guid learnerId, byte[] image, CancellationToken cancellationToken)
    {
        var stored = await draft.FrameCountAsync(learnerId, cancellationToken);
        if (stored >= settings.MaximumFaceFrames)
        {
            return (null, new FaceRejection("frame_limit_reached", $"You already have {stored} good pictures. Finish the enrollment, or withdraw and start over."));
        }

        var analysis = faces.Analyze(image, options.Enrollment);
        if (analysis.Rejection is not null || analysis.Embedding is null)
        {
            return (null, analysis.Rejection ?? FaceRejections.NoFace);
        }

        var id = TimeOrderedId.New(time);
        var sealedEmbedding = await cipher.EncryptEmbeddingAsync(learnerId, analysis.Embedding, EnrollmentDraft.FramesTable, id, "embedding", cancellationToken);
        var crop = analysis.Face is { } face && faces.CropFace(image, face, EnrollmentFaces.Side) is { } jpeg
            ? (await cipher.EncryptAsync(learnerId, jpeg, EnrollmentDraft.FramesTable, id, EnrollmentFaces.DraftColumn, cancellationToken)).Payload
            : null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertSql, new { id, learnerId, embedding = sealedEmbedding.Payload, keyId = sealedEmbedding.KeyId, crop, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return (new FrameAccepted(id, stored + 1, settings.MinimumFaceFrames), null);
    }
}
