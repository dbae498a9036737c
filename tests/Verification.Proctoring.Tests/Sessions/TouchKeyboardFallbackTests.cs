using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// A learner on a touch keyboard (no per-key timings) enrols without typing, the reason recorded, and their sessions rest
/// on the face alone: never a typing mismatch, never Verified on less face evidence, never a face mismatch let through.
/// A client may not invent reasons or claim the fallback for a learner who enrolled typing.
/// </summary>
public sealed class TouchKeyboardFallbackTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private const string Touch = "touch_keyboard";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly KeystrokeBatch TouchBatch = new() { Events = [], Fallback = Touch };

    [Fact]
    public async Task Enrolment_without_typing_needs_a_known_reason_and_the_face_and_stores_the_reason_on_the_profile()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Touch Learner");
        using var tooEarly = await CompleteAsync(learner, token, Touch);
        await UploadFaceAsync(learner, token);
        using var noReason = await CompleteAsync(learner, token, null);
        using var unknown = await CompleteAsync(learner, token, "no_keyboard");
        using var upperCase = await CompleteAsync(learner, token, "TOUCH_KEYBOARD");
        using var complete = await CompleteAsync(learner, token, Touch);

        await Problems.AssertAsync(tooEarly, HttpStatusCode.Conflict, "enrollment_incomplete");
        Assert.Equal(["face_frames", "id_photo"], await MissingAsync(tooEarly));
        await Problems.AssertAsync(noReason, HttpStatusCode.Conflict, "enrollment_incomplete");
        Assert.Equal(["typing_samples"], await MissingAsync(noReason));
        await Problems.AssertAsync(unknown, HttpStatusCode.BadRequest, "typing_fallback_reason_unknown");
        await Problems.AssertAsync(upperCase, HttpStatusCode.BadRequest, "typing_fallback_reason_unknown");
        await Enrollments.EnsureOkAsync(complete);
        var body = JsonDocument.Parse(await complete.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal((Touch, 0), (body.GetProperty("typingUnavailable").GetString(), body.GetProperty("typingSamples").GetInt32()));
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        var stored = await connection.QuerySingleAsync<(string? Reason, bool HasTyping)>(
            "SELECT typing_unavailable, keystroke_profile IS NOT NULL FROM proctoring.identity_profiles WHERE learner_id = @id", new { id = learner.LearnerId });
        Assert.Equal((Touch, false), stored);
    }

    [Fact]
    public async Task A_touch_keyboard_session_is_verified_on_the_face_alone_with_the_reason_recorded_and_typing_never_counted()
    {
        var learner = await EnrollByTouchAsync();
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        var fallback = await player.SendKeystrokesAsync(TouchBatch);
        var invented = await Assert.ThrowsAsync<HubException>(() => player.SendKeystrokesAsync(new KeystrokeBatch { Events = [], Fallback = "keyboard_broken" }));
        foreach (var frame in FaceSet.Enrolled.SessionFrames)
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        // A real typing from a profile without typing is not scored either: there is nothing to score it against.
        var typed = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var verdict = await player.EndAsync();
        var stored = await SessionRows.LoadAsync(app.DataSource, player.SessionId);
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        var reason = await connection.QuerySingleAsync<string?>("SELECT typing_unavailable FROM proctoring.sessions WHERE id = @id", new { id = player.SessionId });
        var checks = (await connection.QueryAsync<(bool Usable, string? Code)>(
            "SELECT usable, code FROM proctoring.typing_checks WHERE session_id = @id ORDER BY check_number", new { id = player.SessionId })).ToList();

        Assert.False(fallback.Usable);
        Assert.Equal(Touch, fallback.Code);
        Assert.Null(fallback.Accepted);
        Assert.Contains("typing_fallback_reason_unknown: ", invented.Message, StringComparison.Ordinal);
        Assert.False(typed.Usable);
        Assert.Equal("Verified", verdict.Verdict);
        Assert.Empty(verdict.Flags);
        Assert.Equal(("Verified", Touch), (stored.Verdict, reason));
        Assert.Equal([(false, Touch), (false, "typing_not_enrolled")], checks);
    }

    [Fact]
    public async Task The_fallback_never_turns_a_face_mismatch_or_too_little_face_evidence_into_verified_and_the_reviewer_sees_why_typing_is_missing()
    {
        var learner = await EnrollByTouchAsync();
        Guid impostorSession;
        await using (var impostor = await Hubs.StartSessionAsync(app, "json", learner))
        {
            await impostor.SendKeystrokesAsync(TouchBatch);
            foreach (var frame in FaceSet.Impostor.SessionFrames.Take(4))
            {
                await impostor.SendFrameAndWaitAsync(frame);
            }

            var mismatch = await impostor.EndAsync();
            Assert.Equal("NeedsReview", mismatch.Verdict);
            Assert.Contains(mismatch.Flags, f => f.Kind == "FaceMismatch");
            Assert.DoesNotContain(mismatch.Flags, f => f.Kind == "TypingMismatch");
            impostorSession = impostor.SessionId;
        }

        var shortLearner = await EnrollByTouchAsync();
        await using (var brief = await Hubs.StartSessionAsync(app, "json", shortLearner))
        {
            await brief.SendKeystrokesAsync(TouchBatch);
            await brief.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
            var tooLittle = await brief.EndAsync();
            Assert.Equal("NeedsReview", tooLittle.Verdict);
            var gap = Assert.Single(tooLittle.Flags, f => f.Kind == "InsufficientEvidence");
            Assert.Contains("analysed frames", gap.Rule, StringComparison.Ordinal);
            Assert.DoesNotContain("typing", gap.Rule, StringComparison.Ordinal);
        }

        using var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        var queue = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}");
        var caseId = queue.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("sessionId").GetGuid() == impostorSession).GetProperty("caseId").GetGuid();
        var view = await reviewer.GetJsonAsync($"/api/v1/review-cases/{caseId}");
        Assert.Equal(Touch, view.GetProperty("session").GetProperty("typingUnavailable").GetString());
        Assert.Equal(Touch, Assert.Single(view.GetProperty("typingChecks").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_learner_who_enrolled_typing_and_sits_the_session_on_a_touch_keyboard_goes_on_to_a_review_never_a_lock_out()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, "json", learner);

        var fallback = await player.SendKeystrokesAsync(TouchBatch);
        foreach (var frame in FaceSet.Enrolled.SessionFrames)
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var verdict = await player.EndAsync();
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        var reason = await connection.QuerySingleAsync<string?>("SELECT typing_unavailable FROM proctoring.sessions WHERE id = @id", new { id = player.SessionId });

        Assert.False(fallback.Usable);
        Assert.Equal(Touch, fallback.Code);
        Assert.Contains("reviewer", fallback.Message, StringComparison.Ordinal);
        // Claiming a touch keyboard never skips the typing check unseen: the face matched, yet a person decides.
        Assert.Equal("NeedsReview", verdict.Verdict);
        var gap = Assert.Single(verdict.Flags);
        Assert.Equal("InsufficientEvidence", gap.Kind);
        Assert.Contains("no usable typing check", gap.Rule, StringComparison.Ordinal);
        Assert.Equal(Touch, reason);
    }

    private async Task<TestLearner> EnrollByTouchAsync()
    {
        var (learner, token) = await app.ConsentingLearnerAsync($"Touch {Guid.NewGuid():N}"[..16]);
        await UploadFaceAsync(learner, token);
        using var complete = await CompleteAsync(learner, token, Touch);
        await Enrollments.EnsureOkAsync(complete);
        return learner;
    }

    private async Task UploadFaceAsync(TestLearner learner, string token)
    {
        var photos = FaceImages.Of(Enrollments.Person, 5);
        foreach (var frame in photos.Take(4))
        {
            using var response = await app.UploadFrameAsync(learner, token, frame);
            await Enrollments.EnsureOkAsync(response);
        }

        using var id = await app.UploadIdPhotoAsync(learner, token, photos[4]);
        await Enrollments.EnsureOkAsync(id);
    }

    private static async Task<string?[]> MissingAsync(HttpResponseMessage response) =>
        [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("missing").EnumerateArray().Select(m => m.GetString())];

    private Task<HttpResponseMessage> CompleteAsync(TestLearner learner, string token, string? fallback) =>
        app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/complete{(fallback is null ? "" : "?typingFallback=" + fallback)}", token);
}
