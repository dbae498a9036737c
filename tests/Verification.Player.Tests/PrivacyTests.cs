using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Player.Tests.Support;

namespace Verification.Player.Tests;

/// <summary>
/// The learner's export and erasure over HTTP with an enrollment token. The sessions, review cases and captures are
/// rows this test writes itself, so that one erasure meets every case: a session under review, one reviewed.
/// </summary>
public sealed class PrivacyTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Erasure_deletes_biometric_data_keeps_evidence_under_open_review_and_leaves_an_audit_entry()
    {
        await fixture.StartAsync();
        var cancellation = TestContext.Current.CancellationToken;
        using var client = fixture.CreateClient();
        var token = await EnrollmentTokenAsync(client);
        var learnerId = LearnerOf(token);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var consent = await client.GetFromJsonAsync<JsonElement>($"/api/v1/learners/{learnerId}/consent", cancellation);
        (await client.PostAsJsonAsync($"/api/v1/learners/{learnerId}/consent", new { version = consent.GetProperty("current").GetProperty("version").GetInt32() }, cancellation)).EnsureSuccessStatusCode();
        var (underReview, reviewed) = await WriteSessionsAsync(learnerId);
        await WriteCapturesAsync(learnerId);

        var export = await client.GetFromJsonAsync<JsonElement>($"/api/v1/learners/{learnerId}/data", cancellation);
        var erase = await client.DeleteAsync(new Uri($"/api/v1/learners/{learnerId}/data", UriKind.Relative), cancellation);
        var erased = await erase.Content.ReadFromJsonAsync<JsonElement>(Json, cancellation);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/learners/{learnerId}/data", cancellation);

        Assert.Equal(1, export.GetProperty("consents").GetArrayLength());
        Assert.True(export.GetProperty("enrollment").GetProperty("enrolled").GetBoolean());
        Assert.DoesNotContain("\"faceTemplate\":\"", export.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("not included", export.GetProperty("enrollment").GetProperty("faceTemplate").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["FaceMismatch"], export.GetProperty("sessions").EnumerateArray().First(s => s.GetProperty("sessionId").GetGuid() == underReview).GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.True(erased.GetProperty("consentWithdrawn").GetBoolean());
        Assert.True(erased.GetProperty("identityProfileDeleted").GetBoolean());
        Assert.Equal(1, erased.GetProperty("evidenceFramesDeleted").GetInt32());
        Assert.Equal([underReview], erased.GetProperty("keptForOpenReviews").EnumerateArray().Select(k => k.GetProperty("sessionId").GetGuid()));
        Assert.Contains("review", erased.GetProperty("summary").GetString(), StringComparison.Ordinal);

        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(cancellation);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.evidence_frames WHERE session_id = @underReview", new { underReview }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.evidence_frames WHERE session_id = @reviewed", new { reviewed }));
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT evidence IS NULL FROM proctoring.sessions WHERE id = @reviewed", new { reviewed }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            """
            SELECT (SELECT count(*) FROM proctoring.identity_profiles WHERE learner_id = @learnerId)
                 + (SELECT count(*) FROM proctoring.enrollment_frames WHERE learner_id = @learnerId)
                 + (SELECT count(*) FROM proctoring.enrollment_typing_samples WHERE learner_id = @learnerId)
                 + (SELECT count(*) FROM proctoring.id_photos WHERE learner_id = @learnerId)
            """,
            new { learnerId }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit.entries WHERE action = 'identity.erased' AND subject = @subject", new { subject = $"learner:{learnerId}" }));
        Assert.False(after.GetProperty("enrollment").GetProperty("enrolled").GetBoolean());
        Assert.NotNull(after.GetProperty("consents")[0].GetProperty("withdrawnAt").GetString());
    }

    [Fact]
    public async Task Export_and_erasure_refuse_a_request_without_the_learners_token()
    {
        await fixture.StartAsync();
        var cancellation = TestContext.Current.CancellationToken;
        using var client = fixture.CreateClient();
        var learnerId = LearnerOf(await EnrollmentTokenAsync(client));

        var export = await client.GetAsync(new Uri($"/api/v1/learners/{learnerId}/data", UriKind.Relative), cancellation);
        var erase = await client.DeleteAsync(new Uri($"/api/v1/learners/{learnerId}/data", UriKind.Relative), cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, erase.StatusCode);
        Assert.Equal("token_invalid", (await erase.Content.ReadFromJsonAsync<JsonElement>(Json, cancellation)).GetProperty("code").GetString());
    }

    private static async Task<string> EnrollmentTokenAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/demo/tokens", new { purpose = "enrollment" }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;
    }

    /// <summary>The learner_id claim of the token's JWT payload, read as the page reads it.</summary>
    private static Guid LearnerOf(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.GetProperty("learner_id").GetGuid();

    private async Task<(Guid UnderReview, Guid Reviewed)> WriteSessionsAsync(Guid learnerId)
    {
        var underReview = Guid.CreateVersion7();
        var reviewed = Guid.CreateVersion7();
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        foreach (var (session, caseStatus) in new[] { (underReview, "open"), (reviewed, "approved") })
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, verdict, priority, flag_kinds, evidence, evidence_key_id, frames_received, started_at, ended_at)
                VALUES (@session, @learnerId, @courseId, 'quiz-privacy', 'ended', 'NeedsReview', 'High', '{FaceMismatch}', '\x01'::bytea, 'test1', 5, now(), now());
                INSERT INTO proctoring.evidence_frames (session_id, frame, image, key_id, kept_at) VALUES (@session, 3, '\x02'::bytea, 'test1', now());
                INSERT INTO proctoring.review_cases (id, session_id, learner_id, course_id, priority, status, opened_at)
                VALUES (@caseId, @session, @learnerId, @courseId, 'High', @caseStatus, now());
                """,
                new { session, learnerId, courseId = Guid.CreateVersion7(), caseId = Guid.CreateVersion7(), caseStatus });
        }

        return (underReview, reviewed);
    }

    private async Task WriteCapturesAsync(Guid learnerId)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO proctoring.identity_profiles (learner_id, face_template, face_template_key_id, id_photo_score, typing_phrase, created_at, updated_at, version)
            VALUES (@learnerId, '\x03'::bytea, 'test1', 0.7, 'I, Ada Learner, certify that the work I submit is my own', now(), now(), 1);
            INSERT INTO proctoring.enrollment_frames (id, learner_id, embedding, key_id, captured_at) VALUES (@frame, @learnerId, '\x04'::bytea, 'test1', now());
            INSERT INTO proctoring.enrollment_typing_samples (id, learner_id, phrase, key_events, key_id, captured_at) VALUES (@sample, @learnerId, 'phrase', '\x05'::bytea, 'test1', now());
            INSERT INTO proctoring.id_photos (learner_id, image, image_key_id, content_type, embedding, embedding_key_id, uploaded_at)
            VALUES (@learnerId, '\x06'::bytea, 'test1', 'image/jpeg', '\x07'::bytea, 'test1', now());
            """,
            new { learnerId, frame = Guid.CreateVersion7(), sample = Guid.CreateVersion7() });
    }
}
