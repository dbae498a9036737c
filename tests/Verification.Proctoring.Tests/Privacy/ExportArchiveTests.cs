using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Dapper;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Privacy;

/// <summary>The learner's export as one zip through the API: it opens, holds their data and images, and nothing of anyone else.</summary>
public sealed class ExportArchiveTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_archive_opens_and_holds_the_learners_data_and_own_id_photo_and_nothing_about_another_learner()
    {
        var (learner, token) = await app.EnrolledLearnerAsync("Archive Owner");
        var (other, otherToken) = await app.ConsentingLearnerAsync("Archive Stranger");
        await app.UploadEverythingAsync(other, otherToken, Enrollments.OtherPerson);
        using (var complete = await app.CompleteAsync(other, otherToken))
        {
            await Enrollments.EnsureOkAsync(complete);
        }

        using var response = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/data/archive", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Cancel), ZipArchiveMode.Read);
        var json = await ReadAsync(zip, "data.json");
        var idPhoto = await ReadBytesAsync(zip, "images/id-photo.jpg");
        var faces = zip.Entries.Where(e => e.FullName.StartsWith("images/enrollment/face-", StringComparison.Ordinal)).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        var firstFace = await ReadBytesAsync(zip, "images/enrollment/face-1.jpg");
        using var document = JsonDocument.Parse(json);

        Assert.Equal(learner.LearnerId, document.RootElement.GetProperty("proctoring").GetProperty("learnerId").GetGuid());
        Assert.Single(document.RootElement.GetProperty("proctoring").GetProperty("consents").EnumerateArray());
        Assert.True(document.RootElement.GetProperty("proctoring").GetProperty("enrollment").GetProperty("enrolled").GetBoolean());
        Assert.True(document.RootElement.TryGetProperty("billing", out _));
        Assert.True(document.RootElement.TryGetProperty("certificates", out _));
        Assert.Equal(FaceImages.Of(Enrollments.Person, 5)[4], idPhoto);
        Assert.Equal(["images/enrollment/face-1.jpg", "images/enrollment/face-2.jpg", "images/enrollment/face-3.jpg"], faces);
        Assert.Equal([0xFF, 0xD8], firstFace[..2]);
        Assert.DoesNotContain(other.LearnerId.ToString(), json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.FullName, json, StringComparison.Ordinal);
        Assert.All(zip.Entries, e => Assert.True(e.FullName == "data.json" || e.FullName.StartsWith("images/", StringComparison.Ordinal), e.FullName));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains(other.LearnerId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Rows_whose_key_an_erasure_already_destroyed_are_exported_as_unreadable_instead_of_failing_the_export()
    {
        var (learner, token) = await app.EnrolledLearnerAsync("Archive Keyless");
        // The erasure's first step: the identity key is gone, its rows not yet deleted.
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync("DELETE FROM proctoring.learner_keys WHERE learner_id = @id AND scope = 'identity'", new { id = learner.LearnerId });
        }

        using var archive = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/data/archive", token);
        using var data = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/data", token);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        using var zip = new ZipArchive(await archive.Content.ReadAsStreamAsync(Cancel), ZipArchiveMode.Read);
        using var document = JsonDocument.Parse(await ReadAsync(zip, "data.json"));

        Assert.Equal(["data.json"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(["images/id-photo.jpg", "images/enrollment/"], document.RootElement.GetProperty("unreadableImages").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.RootElement.GetProperty("proctoring").GetProperty("enrollment").GetProperty("enrolled").GetBoolean());
    }

    [Fact]
    public async Task Another_learners_token_cannot_fetch_the_archive()
    {
        var (learner, _) = await app.ConsentingLearnerAsync("Archive Target");
        var (_, strangerToken) = await app.ConsentingLearnerAsync("Archive Thief");

        using var response = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/data/archive", strangerToken);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound });
    }

    private static async Task<string> ReadAsync(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the archive.");
        await using var stream = await entry.OpenAsync(Cancel);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(Cancel);
    }

    private static async Task<byte[]> ReadBytesAsync(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the archive.");
        await using var stream = await entry.OpenAsync(Cancel);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Cancel);
        return copy.ToArray();
    }
}
