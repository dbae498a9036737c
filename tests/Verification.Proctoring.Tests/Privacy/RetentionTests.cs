using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Privacy.Retention;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Privacy;

/// <summary>
/// The retention schedule enforced with a fake clock on real PostgreSQL, at its default periods: each class is gone at
/// the end of its period and not a day (or, for drafts, an hour) before, and nothing goes while its review case is open.
/// </summary>
public sealed class RetentionTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_id_photo_stays_until_thirty_days_after_enrollment_and_goes_then_with_an_audit_entry()
    {
        var (learner, _) = await app.EnrolledLearnerAsync("Retained Learner");

        await AdvanceAndRunAsync(TimeSpan.FromDays(29));
        var dayBefore = await CountAsync("id_photos", learner.LearnerId);
        await AdvanceAndRunAsync(TimeSpan.FromDays(1));

        Assert.Equal(1, dayBefore);
        Assert.Equal(0, await CountAsync("id_photos", learner.LearnerId));
        Assert.Equal(1, await CountAsync("identity_profiles", learner.LearnerId));
        Assert.True(await AuditedAsync("id_photo"));
    }

    [Fact]
    public async Task An_abandoned_enrollment_draft_goes_twenty_four_hours_after_its_last_capture()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Abandoned Draft");
        using (var frame = await app.UploadFrameAsync(learner, token, FaceImages.Of(Enrollments.Person, 1)[0]))
        {
            await Enrollments.EnsureOkAsync(frame);
        }

        await AdvanceAndRunAsync(TimeSpan.FromHours(23));
        var hourBefore = await CountAsync("enrollment_frames", learner.LearnerId);
        await AdvanceAndRunAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, hourBefore);
        Assert.Equal(0, await CountAsync("enrollment_frames", learner.LearnerId));
        Assert.True(await AuditedAsync("abandoned_enrollment_draft"));
    }

    [Fact]
    public async Task Evidence_under_an_open_case_outlives_every_period_and_goes_thirty_days_after_the_case_closes()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        Guid sessionId;
        await using (var player = await Hubs.StartSessionAsync(app, "messagepack", learner))
        {
            sessionId = player.SessionId;
            foreach (var frame in FaceSet.Impostor.SessionFrames.Take(3))
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            Assert.Equal("NeedsReview", (await player.EndAsync()).Verdict);
        }

        await AdvanceAndRunAsync(TimeSpan.FromDays(400));
        var whileOpen = await SessionRows.LoadAsync(app.DataSource, sessionId);
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                "UPDATE proctoring.review_cases SET status = 'approved', decided_at = @now WHERE session_id = @sessionId", new { now = app.Time.GetUtcNow(), sessionId });
        }

        await AdvanceAndRunAsync(TimeSpan.FromDays(29));
        var dayBefore = await SessionRows.LoadAsync(app.DataSource, sessionId);
        await AdvanceAndRunAsync(TimeSpan.FromDays(1));
        var after = await SessionRows.LoadAsync(app.DataSource, sessionId);

        Assert.True(whileOpen.Evidence > 0);
        Assert.True(whileOpen.Frames > 0);
        Assert.Equal(whileOpen.Evidence, dayBefore.Evidence);
        Assert.Equal(0, dayBefore.Frames);
        Assert.Equal(0, after.Evidence);
        Assert.Equal("NeedsReview", after.Verdict);
        Assert.True(await AuditedAsync("evidence_frames"));
        Assert.True(await AuditedAsync("per_frame_scores"));
    }

    [Fact]
    public async Task Templates_go_three_years_after_the_last_activity_with_the_learners_key()
    {
        var (learner, _) = await app.EnrolledLearnerAsync("Template Learner");

        await AdvanceAndRunAsync(TimeSpan.FromDays(1094));
        var dayBefore = await CountAsync("identity_profiles", learner.LearnerId);
        var facesDayBefore = await CountAsync("enrollment_faces", learner.LearnerId);
        await AdvanceAndRunAsync(TimeSpan.FromDays(1));

        Assert.Equal(1, dayBefore);
        Assert.Equal(Verification.Proctoring.Identity.EnrollmentFaces.Kept, facesDayBefore);
        Assert.Equal(0, await CountAsync("identity_profiles", learner.LearnerId));
        Assert.Equal(0, await CountAsync("enrollment_faces", learner.LearnerId));
        Assert.Equal(0, await CountAsync("learner_keys", learner.LearnerId));
        Assert.True(await AuditedAsync("face_and_typing_templates"));
    }

    [Fact]
    public async Task Templates_go_thirty_days_after_the_last_certificate_track_ends_and_a_running_track_keeps_them()
    {
        var (finished, _) = await app.EnrolledLearnerAsync("Finished Learner");
        var (running, _) = await app.EnrolledLearnerAsync("Running Learner");
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                "UPDATE enrollment.enrollments SET completed_at = @now, passed = true WHERE learner_id = @LearnerId AND track = 'verified'",
                new { now = app.Time.GetUtcNow(), finished.LearnerId });
        }

        var auditedBefore = await AuditCountAsync("face_and_typing_templates");
        await AdvanceAndRunAsync(TimeSpan.FromDays(29));
        var dayBefore = await CountAsync("identity_profiles", finished.LearnerId);
        await AdvanceAndRunAsync(TimeSpan.FromDays(1));

        Assert.Equal(1, dayBefore);
        Assert.Equal(0, await CountAsync("identity_profiles", finished.LearnerId));
        Assert.Equal(0, await CountAsync("enrollment_faces", finished.LearnerId));
        Assert.Equal(0, await CountAsync("learner_keys", finished.LearnerId));
        Assert.Equal(1, await CountAsync("identity_profiles", running.LearnerId));
        Assert.Equal(Verification.Proctoring.Identity.EnrollmentFaces.Kept, await CountAsync("enrollment_faces", running.LearnerId));
        Assert.Equal(1, await CountAsync("learner_keys", running.LearnerId));
        Assert.True(await AuditCountAsync("face_and_typing_templates") > auditedBefore);
    }

    [Fact]
    public async Task Evidence_then_scores_typing_results_and_answer_typing_of_a_session_without_a_case_go_at_the_end_of_their_periods_not_a_day_before_and_their_audit_entries_stay()
    {
        var learnerId = Guid.CreateVersion7();
        var sessionId = Guid.CreateVersion7();
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, verdict, started_at, ended_at)
                VALUES (@sessionId, @learnerId, gen_random_uuid(), 'quiz', 'ended', 'Verified', @now, @now);
                INSERT INTO proctoring.session_frames (session_id, frame, received_at, faces_found, match_score, liveness) VALUES (@sessionId, 1, @now, 1, 0.7, 0.9);
                INSERT INTO proctoring.typing_checks (session_id, check_number, checked_at, usable, genuine_probability, accepted) VALUES (@sessionId, 1, @now, true, 0.8, true);
                INSERT INTO proctoring.session_answer_typing (session_id, batch_number, received_at, key_presses, timings, key_id) VALUES (@sessionId, 1, @now, 50, '\x0102', 'learner');
                INSERT INTO proctoring.evidence_frames (session_id, frame, image, key_id, kept_at) VALUES (@sessionId, 1, '\x0102', 'learner', @now);
                """,
                new { sessionId, learnerId, now = app.Time.GetUtcNow() });
        }

        var evidenceAudits = await AuditCountAsync("evidence_frames");
        var scoreAudits = await AuditCountAsync("per_frame_scores");
        await AdvanceAndRunAsync(TimeSpan.FromDays(29));
        var evidenceDayBefore = await SessionCountAsync("evidence_frames", sessionId);
        await AdvanceAndRunAsync(TimeSpan.FromDays(1));
        var evidenceAfter = await SessionCountAsync("evidence_frames", sessionId);
        await AdvanceAndRunAsync(TimeSpan.FromDays(59));
        var scoresDayBefore = (await SessionCountAsync("session_frames", sessionId), await SessionCountAsync("typing_checks", sessionId), await SessionCountAsync("session_answer_typing", sessionId));
        await AdvanceAndRunAsync(TimeSpan.FromDays(1));
        var scoresAfter = (await SessionCountAsync("session_frames", sessionId), await SessionCountAsync("typing_checks", sessionId), await SessionCountAsync("session_answer_typing", sessionId));

        Assert.Equal(1, evidenceDayBefore);
        Assert.Equal(0, evidenceAfter);
        Assert.Equal((1, 1, 1), scoresDayBefore);
        Assert.Equal((0, 0, 0), scoresAfter);
        Assert.Equal(1, await CountAsync("sessions", learnerId));
        // The later purges appended their entries; none of the earlier ones went.
        Assert.True(await AuditCountAsync("evidence_frames") > evidenceAudits);
        Assert.True(await AuditCountAsync("per_frame_scores") > scoreAudits);
    }

    [Fact]
    public async Task Templates_of_a_learner_whose_track_ended_stay_while_a_review_case_of_theirs_is_open_and_go_once_it_closes()
    {
        var (learner, _) = await app.EnrolledLearnerAsync("Reviewed Learner");
        var caseId = Guid.CreateVersion7();
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                """
                UPDATE enrollment.enrollments SET completed_at = @now, passed = true WHERE learner_id = @LearnerId AND track = 'verified';
                INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, verdict, started_at, ended_at)
                VALUES (@caseId, @LearnerId, @CourseId, 'final', 'ended', 'NeedsReview', @now, @now);
                INSERT INTO proctoring.review_cases (id, session_id, learner_id, course_id, priority, status, opened_at)
                VALUES (@caseId, @caseId, @LearnerId, @CourseId, 'High', 'open', @now);
                """,
                new { now = app.Time.GetUtcNow(), learner.LearnerId, learner.CourseId, caseId });
        }

        await AdvanceAndRunAsync(TimeSpan.FromDays(60));
        var whileOpen = await CountAsync("identity_profiles", learner.LearnerId);
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                "UPDATE proctoring.review_cases SET status = 'approved', decided_at = @now WHERE id = @caseId", new { now = app.Time.GetUtcNow(), caseId });
        }

        await AdvanceAndRunAsync(TimeSpan.FromDays(1));

        Assert.Equal(1, whileOpen);
        Assert.Equal(0, await CountAsync("identity_profiles", learner.LearnerId));
        Assert.Equal(0, await CountAsync("learner_keys", learner.LearnerId));
    }

    [Fact]
    public async Task The_public_page_and_the_consent_text_show_the_configured_periods()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Reading Learner");

        using var page = await app.Client.GetAsync(new Uri("/privacy/retention", UriKind.Relative), Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        using var consent = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", token);
        var text = await consent.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("30 days after you finish enrolling", html, StringComparison.Ordinal);
        Assert.Contains("24 hours after your last capture", html, StringComparison.Ordinal);
        Assert.Contains("3 years (1095 days) after your last activity", html, StringComparison.Ordinal);
        Assert.Contains("We keep the photo of your ID for at most 30 days after you finish enrolling", text, StringComparison.Ordinal);
        Assert.Contains("at most 3 years (1095 days) after your last activity", text, StringComparison.Ordinal);
        Assert.Contains("30 days after your last certificate track ends, and at most 3 years (1095 days) after your last activity", html, StringComparison.Ordinal);
        Assert.Contains("your profile 30 days after your last certificate track ends", text, StringComparison.Ordinal);
        Assert.Contains("with a few pictures of your face from enrolling", text, StringComparison.Ordinal);
        Assert.Contains("except a small picture of your face from each of the first 3, kept with your profile", html, StringComparison.Ordinal);
        Assert.DoesNotContain(RetentionSchedule.ConsentPlaceholder, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_is_appealable_while_its_evidence_is_kept_and_refused_once_the_grace_period_has_purged_it()
    {
        var learner = await app.CreateLearnerAsync("Late Appellant");
        var early = await Reviewers.SeedCaseAsync(app, learner, "High", ["FaceMismatch"], TimeSpan.FromMinutes(1));
        var late = await Reviewers.SeedCaseAsync(app, learner, "High", ["FaceMismatch"], TimeSpan.FromMinutes(1));
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO proctoring.evidence_frames (session_id, frame, image, key_id, kept_at)
                SELECT session_id, 1, '\x00'::bytea, 'learner', @now FROM proctoring.review_cases WHERE id = ANY(@cases)
                """,
                new { cases = new[] { early, late }, now = app.Time.GetUtcNow() });
        }

        using (var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer))
        {
            using var rejectedEarly = await reviewer.DecideAsync(early, "rejected", "Another person than the ID photo.");
            using var rejectedLate = await reviewer.DecideAsync(late, "rejected", "Another person than the ID photo.");
            Assert.Equal(HttpStatusCode.NoContent, rejectedEarly.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, rejectedLate.StatusCode);
        }

        await AdvanceAndRunAsync(TimeSpan.FromDays(29));
        using var inTime = await AppealAsync(learner, early);
        await AdvanceAndRunAsync(TimeSpan.FromDays(1));
        var evidenceLeft = await SessionCountAsync("evidence_frames", await SessionOfAsync(late));
        using var tooLate = await AppealAsync(learner, late);

        Assert.Equal(HttpStatusCode.Accepted, inTime.StatusCode);
        Assert.Equal(1, await SessionCountAsync("evidence_frames", await SessionOfAsync(early)));
        Assert.Equal(0, evidenceLeft);
        await Problems.AssertAsync(tooLate, HttpStatusCode.Conflict, "appeal_window_closed");
        await using var check = await app.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal("rejected", await check.ExecuteScalarAsync<string>("SELECT status FROM proctoring.review_cases WHERE id = @late", new { late }));
    }

    private async Task<HttpResponseMessage> AppealAsync(TestLearner learner, Guid caseId) =>
        await app.SendAsync(
            HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/review-cases/{caseId}/appeal", await app.TokenAsync(learner), JsonContent.Create(new { reason = "It was me." }));

    private async Task<Guid> SessionOfAsync(Guid caseId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<Guid>("SELECT session_id FROM proctoring.review_cases WHERE id = @caseId", new { caseId });
    }

    private async Task AdvanceAndRunAsync(TimeSpan by)
    {
        app.Time.Advance(by);
        await app.Factory.Services.GetRequiredService<RetentionEnforcer>().RunAsync(Cancel);
    }

    private async Task<int> CountAsync(string table, Guid learnerId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<int>($"SELECT count(*)::int FROM proctoring.{table} WHERE learner_id = @learnerId", new { learnerId });
    }

    private async Task<int> SessionCountAsync(string table, Guid sessionId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<int>($"SELECT count(*)::int FROM proctoring.{table} WHERE session_id = @sessionId", new { sessionId });
    }

    private async Task<int> AuditCountAsync(string dataClass)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM audit.entries WHERE action = 'retention.purged' AND subject = @subject AND actor = @actor",
            new { subject = $"data_class:{dataClass}", actor = RetentionEnforcer.Actor });
    }

    private async Task<bool> AuditedAsync(string dataClass)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM audit.entries WHERE action = 'retention.purged' AND subject = @subject AND actor = @actor)",
            new { subject = $"data_class:{dataClass}", actor = RetentionEnforcer.Actor });
    }
}
