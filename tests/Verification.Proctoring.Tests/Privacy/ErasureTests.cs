using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Privacy;

/// <summary>Erasure through the API against the real Host, models and PostgreSQL: crypto-shredding first, then rows.</summary>
public sealed class ErasureTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static readonly string[] BiometricTables = ["identity_profiles", "enrollment_frames", "enrollment_faces", "enrollment_typing_samples", "id_photos", "learner_keys"];

    [Fact]
    public async Task A_ciphertext_copied_out_before_erasure_cannot_be_decrypted_afterwards_even_with_the_master_key()
    {
        var (learner, token) = await app.EnrolledLearnerAsync("Erased Learner");
        var cipher = app.Factory.Services.GetRequiredService<BiometricCipher>();
        var master = app.Factory.Services.GetRequiredService<EnvelopeEncryption>();
        var copy = await CopyFaceTemplateAsync(learner.LearnerId);
        var before = await cipher.DecryptAsync(learner.LearnerId, copy.KeyId, copy.Payload, "identity_profiles", learner.LearnerId, "face_template", Cancel);
        var facesBefore = await CountAsync("SELECT count(*)::int FROM proctoring.enrollment_faces WHERE learner_id = @LearnerId", learner.LearnerId);
        var phraseInPlainText = await CountAsync("SELECT count(*)::int FROM proctoring.identity_profiles WHERE learner_id = @LearnerId AND (typing_phrase IS NOT NULL OR typing_phrase_sealed IS NULL)", learner.LearnerId);

        using var erased = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/data", token);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(BiometricCipher.LearnerKeyId, copy.KeyId);
        Assert.Equal(0, phraseInPlainText);
        Assert.Equal(EnrollmentFaces.Kept, facesBefore);
        Assert.Equal(EnrollmentFaces.Kept, await CountAsync(
            "SELECT (data::jsonb->>'enrollmentFacesDeleted')::int FROM audit.entries WHERE action = 'identity.erased' AND subject = 'learner:' || @LearnerId", learner.LearnerId));
        Assert.NotEmpty(before);
        await Assert.ThrowsAsync<DecryptionFailedException>(() =>
            cipher.DecryptAsync(learner.LearnerId, copy.KeyId, copy.Payload, "identity_profiles", learner.LearnerId, "face_template", Cancel));
        Assert.Throws<DecryptionFailedException>(() => master.Decrypt(new EncryptedBlob(master.ActiveKeyId, copy.Payload), BiometricCipher.Bind("identity_profiles", learner.LearnerId, "face_template")));
        foreach (var table in BiometricTables)
        {
            Assert.Equal(0, await CountAsync($"SELECT count(*)::int FROM proctoring.{table} WHERE learner_id = @LearnerId", learner.LearnerId));
        }
    }

    [Fact]
    public async Task Erasing_twice_answers_the_same_way_erases_nothing_more_and_audits_both()
    {
        var (learner, token) = await app.EnrolledLearnerAsync("Twice Erased");

        using var first = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/data", token);
        using var second = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/data", token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Cancel));
        using var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Cancel));
        Assert.True(firstBody.RootElement.GetProperty("identityProfileDeleted").GetBoolean());
        Assert.False(secondBody.RootElement.GetProperty("identityProfileDeleted").GetBoolean());
        Assert.Equal(0, secondBody.RootElement.GetProperty("idPhotosDeleted").GetInt32());
        Assert.Equal(2, await CountAsync("SELECT count(*)::int FROM audit.entries WHERE action = 'identity.erased' AND subject = 'learner:' || @LearnerId", learner.LearnerId));
        Assert.Equal(1, await CountAsync("SELECT count(*)::int FROM proctoring.erasures WHERE learner_id = @LearnerId AND completed_at IS NOT NULL", learner.LearnerId));
        Assert.True(await WaitAsync(async () => await CountAsync(
            """
            SELECT count(*)::int FROM proctoring.outbox
            WHERE message_type = 'Verification.Proctoring.Contracts.LearnerIdentityEvidenceErased' AND (payload->>'LearnerId')::uuid = @LearnerId AND delivered_at IS NOT NULL
            """,
            learner.LearnerId) == 1));
    }

    [Fact]
    public async Task A_live_session_is_ended_first_its_case_keeps_its_evidence_until_closed_then_the_erasure_completes()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var token = await app.TokenAsync(learner);
        Guid sessionId;
        await using (var player = await Hubs.StartSessionAsync(app, "messagepack", learner))
        {
            sessionId = player.SessionId;
            foreach (var frame in FaceSet.Impostor.SessionFrames.Take(3))
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            using var erased = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/data", token);
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            using var body = JsonDocument.Parse(await erased.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(1, body.RootElement.GetProperty("liveSessionsEnded").GetInt32());
            var kept = Assert.Single(body.RootElement.GetProperty("keptForOpenReviews").EnumerateArray().ToList());
            Assert.Equal(sessionId, kept.GetProperty("sessionId").GetGuid());
            Assert.Contains(kept.GetProperty("caseId").GetGuid().ToString(), body.RootElement.GetProperty("summary").GetString(), StringComparison.Ordinal);
        }

        var stored = await SessionRows.LoadAsync(app.DataSource, sessionId);
        Assert.Equal(1, stored.Cases);
        Assert.True(stored.Evidence > 0);
        Assert.Equal(0, await CountAsync("SELECT count(*)::int FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", learner.LearnerId));

        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                """
                UPDATE proctoring.review_cases SET status = 'approved', decided_at = now(), note = 'same person', appeal_reason = 'it was me' WHERE session_id = @sessionId;
                INSERT INTO proctoring.review_decisions (id, case_id, decision, note, reviewer_id, decided_at)
                SELECT gen_random_uuid(), id, 'approved', 'same person', gen_random_uuid(), now() FROM proctoring.review_cases WHERE session_id = @sessionId;
                """,
                new { sessionId });
        }

        var pass = await app.Factory.Services.GetRequiredService<Proctoring.Privacy.EraseLearnerData.LearnerErasure>().RunAsync(learner.LearnerId, request: false, "system", Cancel);

        Assert.Empty(pass.KeptForOpenReviews);
        var after = await SessionRows.LoadAsync(app.DataSource, sessionId);
        Assert.Equal(0, after.Evidence);
        Assert.Equal(0, after.Frames);
        Assert.Equal(0, await CountAsync("SELECT count(*)::int FROM proctoring.learner_keys WHERE learner_id = @LearnerId", learner.LearnerId));
        Assert.Equal(0, await CountAsync("SELECT count(*)::int FROM proctoring.review_cases WHERE learner_id = @LearnerId AND (note = 'same person' OR appeal_reason = 'it was me')", learner.LearnerId));
        Assert.Equal(0, await CountAsync("SELECT count(*)::int FROM proctoring.review_decisions d JOIN proctoring.review_cases c ON c.id = d.case_id WHERE c.learner_id = @LearnerId AND d.note = 'same person'", learner.LearnerId));
        Assert.Equal(1, await CountAsync("SELECT count(*)::int FROM proctoring.review_decisions d JOIN proctoring.review_cases c ON c.id = d.case_id WHERE c.learner_id = @LearnerId AND d.decision = 'approved'", learner.LearnerId));
        Assert.Equal(1, await CountAsync("SELECT count(*)::int FROM proctoring.erasures WHERE learner_id = @LearnerId AND completed_at IS NOT NULL", learner.LearnerId));
    }

    [Fact]
    public async Task An_erasure_completed_after_its_case_closes_leaves_an_enrollment_made_under_a_later_consent()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var token = await app.TokenAsync(learner);
        Guid erasedSession;
        await using (var player = await Hubs.StartSessionAsync(app, "messagepack", learner))
        {
            erasedSession = player.SessionId;
            foreach (var frame in FaceSet.Impostor.SessionFrames.Take(3))
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            Assert.Equal("NeedsReview", (await player.EndAsync()).Verdict);
        }

        using (var erased = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/data", token))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }

        // The learner comes back: consents again and enrolls again while the erased session's case is still open.
        app.Time.Advance(TimeSpan.FromHours(1));
        token = await app.TokenAsync(learner);
        await app.AcceptCurrentConsentAsync(learner, token);
        await app.UploadEverythingAsync(learner, token, FaceSet.Enrolled.Person, FaceSet.Enrolled.Typist, FaceSet.EnrollmentTypingSkip);
        using (var complete = await app.CompleteAsync(learner, token))
        {
            await Enrollments.EnsureOkAsync(complete);
        }

        var reEnrolled = await CopyFaceTemplateAsync(learner.LearnerId);
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                "UPDATE proctoring.review_cases SET status = 'approved', decided_at = @now WHERE session_id = @erasedSession",
                new { now = app.Time.GetUtcNow(), erasedSession });
        }

        await app.Factory.Services.GetRequiredService<Proctoring.Privacy.Retention.RetentionEnforcer>().RunAsync(Cancel);

        Assert.Equal(0, (await SessionRows.LoadAsync(app.DataSource, erasedSession)).Evidence);
        Assert.Equal(1, await CountAsync("SELECT count(*)::int FROM proctoring.erasures WHERE learner_id = @LearnerId AND completed_at IS NOT NULL", learner.LearnerId));
        Assert.Equal(1, await CountAsync("SELECT count(*)::int FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", learner.LearnerId));
        Assert.Equal(EnrollmentFaces.Kept, await CountAsync("SELECT count(*)::int FROM proctoring.enrollment_faces WHERE learner_id = @LearnerId", learner.LearnerId));
        Assert.NotEmpty(await app.Factory.Services.GetRequiredService<BiometricCipher>().DecryptAsync(
            learner.LearnerId, reEnrolled.KeyId, reEnrolled.Payload, "identity_profiles", learner.LearnerId, "face_template", Cancel));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<EncryptedBlob> CopyFaceTemplateAsync(Guid learnerId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        var row = await connection.QuerySingleAsync<(string KeyId, byte[] Payload)>(
            "SELECT face_template_key_id, face_template FROM proctoring.identity_profiles WHERE learner_id = @learnerId", new { learnerId });
        return new EncryptedBlob(row.KeyId, row.Payload);
    }

    private async Task<int> CountAsync(string sql, Guid learnerId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<int>(sql, new { LearnerId = learnerId });
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, Cancel);
        }

        return false;
    }
}
