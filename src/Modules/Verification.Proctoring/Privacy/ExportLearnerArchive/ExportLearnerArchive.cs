using System.IO.Compression;
using System.Text.Json;
using Dapper;
using Mediator;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Privacy.ExportLearnerData;
using Verification.Proctoring.Sessions.Store;

namespace Verification.Proctoring.Privacy.ExportLearnerArchive;

/// <summary>
/// The JSON document of the archive: the proctoring export, with what Certificates and Billing hold about the learner;
/// <c>UnreadableImages</c> names the images still stored whose key is already destroyed (an erasure or a template purge
/// in progress), which no one can read any more.
/// </summary>
internal sealed record LearnerArchiveDocument(
    LearnerDataExport Proctoring, IReadOnlyList<LearnerCertificate> Certificates, BillingHistory Billing, IReadOnlyList<string> Images,
    IReadOnlyList<string> UnreadableImages);

/// <summary>
/// Everything held about one learner as one zip: <c>data.json</c> and the learner's own images (the ID photo, the face
/// pictures kept from enrollment and evidence frames), decrypted under the learner's keys.
/// </summary>
internal sealed class ExportLearnerArchiveHandler(ExportLearnerDataHandler export, NpgsqlDataSource dataSource, BiometricCipher cipher, EnrollmentFaces enrollmentFaces)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private const string IdPhotoSql = "SELECT image, image_key_id AS KeyId FROM proctoring.id_photos WHERE learner_id = @learnerId";

    private const string EvidenceSql = """
        SELECT e.session_id AS SessionId, e.frame AS Frame, e.image AS Image, e.key_id AS KeyId
        FROM proctoring.evidence_frames e JOIN proctoring.sessions s ON s.id = e.session_id
        WHERE s.learner_id = @learnerId ORDER BY e.session_id, e.frame
        """;

    public async Task<byte[]> HandleAsync(Guid learnerId, IMediator mediator, CancellationToken cancellationToken)
    {
        var data = await export.HandleAsync(learnerId, cancellationToken);
        var certificates = await mediator.Send(new ListLearnerCertificates(learnerId), cancellationToken);
        var billing = await mediator.Send(new GetBillingHistory(learnerId), cancellationToken);
        var (images, unreadable) = await ImagesAsync(learnerId, cancellationToken);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var document = new LearnerArchiveDocument(data, certificates, billing, [.. images.Keys], unreadable);
            await using (var entry = await zip.CreateEntry("data.json", CompressionLevel.Optimal).OpenAsync(cancellationToken))
            {
                await JsonSerializer.SerializeAsync(entry, document, Json, cancellationToken);
            }

            foreach (var (name, bytes) in images)
            {
                await using var entry = await zip.CreateEntry(name, CompressionLevel.NoCompression).OpenAsync(cancellationToken);
                await entry.WriteAsync(bytes, cancellationToken);
            }
        }

        return buffer.ToArray();
    }

    private async Task<(Dictionary<string, byte[]> Images, List<string> Unreadable)> ImagesAsync(Guid learnerId, CancellationToken cancellationToken)
    {
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        async Task AddAsync(string name, Func<Task<byte[]>> decrypt)
        {
            try
            {
                images[name] = await decrypt();
            }
            catch (DecryptionFailedException)
            {
                unreadable.Add(name);
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var photo in await connection.QueryAsync<(byte[] Image, string KeyId)>(new CommandDefinition(IdPhotoSql, new { learnerId }, cancellationToken: cancellationToken)))
        {
            await AddAsync("images/id-photo.jpg", () => cipher.DecryptAsync(learnerId, photo.KeyId, photo.Image, EnrollmentDraft.IdPhotosTable, learnerId, "image", cancellationToken));
        }

        try
        {
            foreach (var face in await enrollmentFaces.ReadAsync(learnerId, null, cancellationToken))
            {
                images[$"images/enrollment/face-{face.Number}.jpg"] = face.Jpeg;
            }
        }
        catch (DecryptionFailedException)
        {
            unreadable.Add("images/enrollment/");
        }

        var frames = await connection.QueryAsync<(Guid SessionId, int Frame, byte[] Image, string KeyId)>(new CommandDefinition(EvidenceSql, new { learnerId }, cancellationToken: cancellationToken));
        foreach (var frame in frames)
        {
            var blob = new EncryptedBlob(frame.KeyId, frame.Image);
            await AddAsync($"images/sessions/{frame.SessionId}/frame-{frame.Frame}.jpg", () =>
                cipher.DecryptAsync(learnerId, LearnerKeys.SessionScope(frame.SessionId), blob, SessionStore.EvidenceBinding(frame.SessionId, frame.Frame), cancellationToken));
        }

        return (images, unreadable);
    }
}
