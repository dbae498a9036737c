using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Reviews;

/// <summary>The reviewer console's API on the real Host and PostgreSQL: queue, case, pictures, claims, decisions, appeals.</summary>
public sealed class ReviewConsoleApiTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flagged_session_shows_its_flags_timeline_and_pictures_and_a_rejection_with_its_note_reaches_the_identity_status()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using (var player = await Hubs.StartSessionAsync(app, "messagepack", learner))
        {
            foreach (var sent in FaceSet.Impostor.SessionFrames.Take(3))
            {
                await player.SendFrameAndWaitAsync(sent);
            }

            await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
            Assert.Equal("NeedsReview", (await player.EndAsync()).Verdict);
        }

        using var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        var queue = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}");
        var item = Assert.Single(queue.GetProperty("cases").EnumerateArray());
        var caseId = item.GetProperty("caseId").GetGuid();
        var view = await reviewer.GetJsonAsync($"/api/v1/review-cases/{caseId}");
        var flags = view.GetProperty("flags").EnumerateArray().ToList();
        var timeline = view.GetProperty("timeline").EnumerateArray().ToList();
        var evidence = view.GetProperty("evidenceFrames").EnumerateArray().Select(f => f.GetInt32()).ToList();
        using var frame = await reviewer.Client.GetAsync(new Uri($"/api/v1/review-cases/{caseId}/evidence/frames/{evidence[0]}", UriKind.Relative), Cancel);
        using var idPhoto = await reviewer.Client.GetAsync(new Uri($"/api/v1/review-cases/{caseId}/evidence/id-photo", UriKind.Relative), Cancel);
        var faces = view.GetProperty("enrollmentFaces").EnumerateArray().Select(f => f.GetInt32()).ToList();
        using var face = await reviewer.Client.GetAsync(new Uri($"/api/v1/review-cases/{caseId}/evidence/enrollment-faces/{faces[0]}", UriKind.Relative), Cancel);
        using var noSuchFace = await reviewer.Client.GetAsync(new Uri($"/api/v1/review-cases/{caseId}/evidence/enrollment-faces/{faces.Count + 1}", UriKind.Relative), Cancel);
        using var claimed = await reviewer.ClaimAsync(caseId);
        using var rejected = await reviewer.DecideAsync(caseId, "rejected", "The frames show another person than the ID photo.");
        using var again = await reviewer.DecideAsync(caseId, "approved", "second thoughts");
        var after = await reviewer.GetJsonAsync($"/api/v1/review-cases/{caseId}");

        Assert.Equal(1, queue.GetProperty("counts").GetProperty("open").GetInt32());
        Assert.Equal("High", item.GetProperty("priority").GetString());
        Assert.True(item.GetProperty("evidenceFrames").GetInt32() > 0);
        Assert.Contains(flags, f => f.GetProperty("kind").GetString() == "FaceMismatch" && f.GetProperty("rule").GetString()!.Length > 0);
        Assert.Equal(3, timeline.Count);
        Assert.All(timeline, t => Assert.True(t.GetProperty("analysed").GetBoolean()));
        var typing = Assert.Single(view.GetProperty("typingChecks").EnumerateArray().ToList());
        Assert.Equal(1, typing.GetProperty("check").GetInt32());
        Assert.True(typing.GetProperty("offset").GetDouble() >= 0);
        Assert.False(typing.TryGetProperty("keyEvents", out _));
        Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
        Assert.Equal("no-store", frame.Headers.CacheControl?.ToString());
        var picture = await frame.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Contains(FaceSet.Impostor.SessionFrames.Take(3), sent => sent.AsSpan().SequenceEqual(picture));
        Assert.Equal(HttpStatusCode.OK, idPhoto.StatusCode);
        Assert.StartsWith("image/", idPhoto.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], faces);
        Assert.Equal(HttpStatusCode.OK, face.StatusCode);
        Assert.Equal("no-store", face.Headers.CacheControl?.ToString());
        Assert.Equal("image/jpeg", face.Content.Headers.ContentType?.MediaType);
        EnrolledFaceAssert.IsTheEnrolledPerson(app, await face.Content.ReadAsByteArrayAsync(Cancel), FaceSet.Enrolled);
        await Problems.AssertAsync(noSuchFace, HttpStatusCode.NotFound, "evidence_not_found");
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, rejected.StatusCode);
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, "review_case_decided");
        var history = Assert.Single(after.GetProperty("history").EnumerateArray());
        Assert.Equal(("rejected", "The frames show another person than the ID photo.", reviewer.StaffId), (history.GetProperty("decision").GetString(), history.GetProperty("note").GetString(), history.GetProperty("reviewerId").GetGuid()));
        Assert.Equal(IdentityStatus.Rejected, (await AskAsync(learner)).Status);
        using var appealed = await Appeal(learner, await app.TokenAsync(learner), caseId, "That was my brother; I sat the exam myself later.");
        Assert.Equal(HttpStatusCode.Accepted, appealed.StatusCode);
        Assert.Equal(IdentityStatus.PendingReview, (await AskAsync(learner)).Status);
        Assert.Equal(2, await Reviewers.AuditCountAsync(app, "review_case.viewed", $"case:{caseId}", $"staff:{reviewer.StaffId}"));
        Assert.Equal(1, await Reviewers.AuditCountAsync(app, "review_evidence.frame_viewed", $"case:{caseId}"));
        Assert.Equal(1, await Reviewers.AuditCountAsync(app, "review_evidence.id_photo_viewed", $"case:{caseId}"));
        Assert.Equal(1, await Reviewers.AuditCountAsync(app, "review_evidence.enrollment_face_viewed", $"case:{caseId}", $"staff:{reviewer.StaffId}"));
        var actions = after.GetProperty("auditTrail").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("review.claimed", actions);
        Assert.Contains("review.decided", actions);
        Assert.Contains("session.ended", actions);
    }

    [Fact]
    public async Task Of_two_reviewers_claiming_at_once_one_holds_the_case_the_other_cannot_claim_or_decide_it_until_the_claim_lapses()
    {
        var learner = await app.CreateLearnerAsync("Claimed Learner");
        var caseId = await Reviewers.SeedCaseAsync(app, learner, "Normal", ["FaceMismatch"], TimeSpan.FromMinutes(5));
        using var first = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        using var second = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);

        var claims = await Task.WhenAll(first.ClaimAsync(caseId), second.ClaimAsync(caseId));
        var (winner, loser) = claims[0].StatusCode == HttpStatusCode.OK ? (first, second) : (second, first);
        var statuses = claims.Select(c => c.StatusCode).Order().ToList();
        var loserClaim = claims.Single(c => c.StatusCode != HttpStatusCode.OK);
        using var loserDecision = await loser.DecideAsync(caseId, "approved", "Looks like the same person.");
        var held = (await winner.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}")).GetProperty("cases")[0];
        app.Time.Advance(TimeSpan.FromMinutes(31));
        using var afterLapse = await loser.ClaimAsync(caseId);
        using var winnerLate = await winner.DecideAsync(caseId, "approved", "Same person.");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
        await Problems.AssertAsync(loserClaim, HttpStatusCode.Conflict, "review_case_claimed");
        await Problems.AssertAsync(loserDecision, HttpStatusCode.Conflict, "review_case_claimed");
        Assert.Equal(winner.StaffId, held.GetProperty("heldBy").GetGuid());
        Assert.Equal(HttpStatusCode.OK, afterLapse.StatusCode);
        await Problems.AssertAsync(winnerLate, HttpStatusCode.Conflict, "review_case_claimed");
        using var released = await loser.Client.DeleteAsync(new Uri($"/api/v1/review-cases/{caseId}/claim", UriKind.Relative), Cancel);
        using var releasedAgain = await loser.Client.DeleteAsync(new Uri($"/api/v1/review-cases/{caseId}/claim", UriKind.Relative), Cancel);
        using var winnerAfterRelease = await winner.DecideAsync(caseId, "approved", "Same person.");
        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        await Problems.AssertAsync(releasedAgain, HttpStatusCode.NotFound, "review_claim_not_found");
        Assert.Equal(HttpStatusCode.NoContent, winnerAfterRelease.StatusCode);
        foreach (var claim in claims)
        {
            claim.Dispose();
        }
    }

    [Fact]
    public async Task An_escalated_case_leaves_the_queue_for_the_senior_queue_where_only_a_senior_decides_it_and_both_notes_stay()
    {
        var learner = await app.CreateLearnerAsync("Escalated Learner");
        var caseId = await Reviewers.SeedCaseAsync(app, learner, "High", ["SuspectedSpoof"], TimeSpan.FromMinutes(2));
        using var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        using var senior = await Reviewers.SignInAsync(app, StaffRoles.SeniorReviewer);

        using var escalated = await reviewer.DecideAsync(caseId, "escalated", "Could be a printed photo; needs a second look.");
        var queue = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}");
        using var reviewerSeniorQueue = await reviewer.Client.GetAsync(new Uri($"/api/v1/review-cases/escalated?courseId={learner.CourseId}", UriKind.Relative), Cancel);
        using var reviewerAsksEscalated = await reviewer.Client.GetAsync(new Uri($"/api/v1/review-cases?status=escalated", UriKind.Relative), Cancel);
        var seniorQueue = await senior.GetJsonAsync($"/api/v1/review-cases/escalated?courseId={learner.CourseId}");
        using var reviewerDecides = await reviewer.DecideAsync(caseId, "approved", "Fine after all.");
        using var seniorDecides = await senior.DecideAsync(caseId, "rejected", "A photo held up to the camera: no blink, flat.");
        var view = await senior.GetJsonAsync($"/api/v1/review-cases/{caseId}");

        Assert.Equal(HttpStatusCode.NoContent, escalated.StatusCode);
        Assert.Empty(queue.GetProperty("cases").EnumerateArray());
        Assert.Equal(1, queue.GetProperty("counts").GetProperty("escalated").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, reviewerSeniorQueue.StatusCode);
        await Problems.AssertAsync(reviewerAsksEscalated, HttpStatusCode.BadRequest, "review_status_invalid");
        Assert.Equal(caseId, Assert.Single(seniorQueue.GetProperty("cases").EnumerateArray()).GetProperty("caseId").GetGuid());
        await Problems.AssertAsync(reviewerDecides, HttpStatusCode.Forbidden, "senior_reviewer_required");
        Assert.Equal(HttpStatusCode.NoContent, seniorDecides.StatusCode);
        Assert.Equal(
            [("escalated", reviewer.StaffId), ("rejected", senior.StaffId)],
            view.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("decision").GetString(), h.GetProperty("reviewerId").GetGuid())).ToList());
        Assert.Equal(1, await Reviewers.AuditCountAsync(app, "access.refused", $"path:/api/v1/review-cases/escalated", $"staff:{reviewer.StaffId}"));
    }

    [Fact]
    public async Task A_decision_without_a_note_with_a_blank_or_overlong_note_or_for_an_unknown_case_is_refused_and_changes_nothing()
    {
        var learner = await app.CreateLearnerAsync("Noteless Learner");
        var caseId = await Reviewers.SeedCaseAsync(app, learner, "Low", ["StreamGap"], TimeSpan.FromMinutes(1));
        using var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);

        using var missing = await reviewer.DecideAsync(caseId, "approved", null);
        using var blank = await reviewer.DecideAsync(caseId, "rejected", "   \n ");
        using var overlong = await reviewer.DecideAsync(caseId, "approved", new string('x', 2001));
        using var unknown = await reviewer.DecideAsync(Guid.CreateVersion7(), "approved", "A fine note.");
        using var badId = await reviewer.Client.PostAsJsonAsync("/api/v1/review-cases/not-a-guid/decision", new { decision = "approved", note = "x" }, Cancel);
        using var badDecision = await reviewer.Client.PostAsJsonAsync($"/api/v1/review-cases/{caseId}/decision", new { decision = "deleted", note = "x" }, Cancel);
        using var longest = await reviewer.DecideAsync(caseId, "approved", new string('y', 2000));

        await Problems.AssertAsync(missing, HttpStatusCode.BadRequest, "review_note_missing");
        await Problems.AssertAsync(blank, HttpStatusCode.BadRequest, "review_note_missing");
        await Problems.AssertAsync(overlong, HttpStatusCode.BadRequest, "review_note_too_long");
        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound, "review_case_not_found");
        Assert.Equal(HttpStatusCode.NotFound, badId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDecision.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, longest.StatusCode);
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.review_decisions WHERE case_id = @caseId", new { caseId }));
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => connection.ExecuteAsync("UPDATE proctoring.review_decisions SET note = 'rewritten' WHERE case_id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task A_decision_body_naming_no_known_decision_is_refused_and_neither_approves_nor_publishes()
    {
        var learner = await app.CreateLearnerAsync("Misspelt Decision");
        var caseId = await Reviewers.SeedCaseAsync(app, learner, "High", ["FaceMismatch"], TimeSpan.FromMinutes(1));
        using var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        var path = $"/api/v1/review-cases/{caseId}/decision";

        using var misspelt = await reviewer.Client.PostAsJsonAsync(path, new { descision = "rejected", note = "Another person than the ID photo." }, Cancel);
        using var numbered = await reviewer.Client.PostAsJsonAsync(path, new { decision = 7, note = "Another person than the ID photo." }, Cancel);
        using var nulled = await reviewer.Client.PostAsJsonAsync(path, new { decision = (string?)null, note = "Another person than the ID photo." }, Cancel);

        await Problems.AssertAsync(misspelt, HttpStatusCode.BadRequest, "request_malformed");
        await Problems.AssertAsync(numbered, HttpStatusCode.BadRequest, "request_malformed");
        await Problems.AssertAsync(nulled, HttpStatusCode.BadRequest, "request_malformed");
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal("open", await connection.ExecuteScalarAsync<string>("SELECT status FROM proctoring.review_cases WHERE id = @caseId", new { caseId }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM proctoring.review_decisions WHERE case_id = @caseId", new { caseId }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM proctoring.outbox WHERE message_type LIKE '%ReviewCaseDecided' AND (payload->>'CaseId')::uuid = @caseId", new { caseId }));
    }

    [Fact]
    public async Task A_learner_an_api_key_and_an_anonymous_caller_are_refused_both_queues_a_case_and_each_kind_of_picture_and_each_refusal_is_audited()
    {
        var learner = await app.CreateLearnerAsync("Curious Learner");
        var caseId = await Reviewers.SeedCaseAsync(app, learner, "Normal", ["FaceMismatch"], TimeSpan.FromMinutes(1));
        var token = await app.TokenAsync(learner);
        string[] paths = ["/api/v1/review-cases", "/api/v1/review-cases/escalated", $"/api/v1/review-cases/{caseId}", $"/api/v1/review-cases/{caseId}/evidence/id-photo", $"/api/v1/review-cases/{caseId}/evidence/frames/1", $"/api/v1/review-cases/{caseId}/evidence/enrollment-faces/1"];
        var answers = new List<(string Path, string Caller, HttpStatusCode Status)>();
        foreach (var path in paths)
        {
            using var asLearner = await app.SendAsync(HttpMethod.Get, path, token);
            using var keyed = new HttpRequestMessage(HttpMethod.Get, path);
            keyed.Headers.Add("X-Api-Key", app.PlatformApiKey);
            using var asKey = await app.Client.SendAsync(keyed, Cancel);
            using var anonymous = await app.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            answers.Add((path, "learner", asLearner.StatusCode));
            answers.Add((path, "api_key", asKey.StatusCode));
            answers.Add((path, "anonymous", anonymous.StatusCode));
        }

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{a.Caller} at {a.Path}: {a.Status}"));
        foreach (var path in paths)
        {
            Assert.Equal(1, await Reviewers.AuditCountAsync(app, "access.refused", "path:" + path, $"learner:{learner.LearnerId}"));
            Assert.Equal(1, await Reviewers.AuditCountAsync(app, "access.refused", "path:" + path, "anonymous"));
            await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM audit.entries WHERE action = 'access.refused' AND subject = @subject AND actor LIKE 'api_key:%'", new { subject = "path:" + path }));
        }

        Assert.Equal(0, await Reviewers.AuditCountAsync(app, "review_case.viewed", $"case:{caseId}"));
    }

    [Fact]
    public async Task A_learner_appeals_a_rejection_once_and_the_appeal_goes_to_another_reviewer_than_the_one_who_rejected()
    {
        var learner = await app.CreateLearnerAsync("Appealing Learner");
        var caseId = await Reviewers.SeedCaseAsync(app, learner, "Normal", ["FaceMismatch"], TimeSpan.FromMinutes(3));
        var token = await app.TokenAsync(learner);
        var otherToken = await app.TokenAsync(await app.CreateLearnerAsync("Other Learner"));
        using var rejecter = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        using var other = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        using var tooEarly = await Appeal(learner, token, caseId, "I was alone at my desk.");
        using var rejected = await rejecter.DecideAsync(caseId, "rejected", "Another face in all frames.");

        using var noReason = await Appeal(learner, token, caseId, " ");
        using var foreign = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/review-cases/{caseId}/appeal", otherToken, JsonContent.Create(new { reason = "not mine" }));
        using var appealed = await Appeal(learner, token, caseId, "It was me; my new glasses and a haircut.");
        using var twice = await Appeal(learner, token, caseId, "Once more.");
        var listed = (await other.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}")).GetProperty("cases")[0];
        using var rejecterClaims = await rejecter.ClaimAsync(caseId);
        using var rejecterDecides = await rejecter.DecideAsync(caseId, "rejected", "Still not the same person.");
        using var otherDecides = await other.DecideAsync(caseId, "approved", "Same person: glasses and a haircut, the ID matches.");
        var view = await other.GetJsonAsync($"/api/v1/review-cases/{caseId}");

        await Problems.AssertAsync(tooEarly, HttpStatusCode.Conflict, "review_case_not_rejected");
        Assert.Equal(HttpStatusCode.NoContent, rejected.StatusCode);
        await Problems.AssertAsync(noReason, HttpStatusCode.BadRequest, "review_note_missing");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, appealed.StatusCode);
        await Problems.AssertAsync(twice, HttpStatusCode.Conflict, "appeal_already_made");
        Assert.Equal("open", listed.GetProperty("status").GetString());
        Assert.True(listed.GetProperty("appealed").GetBoolean());
        await Problems.AssertAsync(rejecterClaims, HttpStatusCode.Forbidden, "appeal_needs_another_reviewer");
        await Problems.AssertAsync(rejecterDecides, HttpStatusCode.Forbidden, "appeal_needs_another_reviewer");
        Assert.Equal(HttpStatusCode.NoContent, otherDecides.StatusCode);
        Assert.Equal("approved", view.GetProperty("status").GetString());
        Assert.Equal(rejecter.StaffId, view.GetProperty("appeal").GetProperty("excludedReviewer").GetGuid());
        Assert.Equal(["rejected", "approved"], view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("decision").GetString()).ToList());
        using var afterApproval = await Appeal(learner, token, caseId, "Another try.");
        await Problems.AssertAsync(afterApproval, HttpStatusCode.Conflict, "appeal_already_made");
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var published = (await connection.QueryAsync<string>("""
            SELECT message_type FROM proctoring.outbox
            WHERE (payload->>'CaseId')::uuid = @caseId AND message_type LIKE 'Verification.Proctoring.Contracts.ReviewCase%' AND message_type <> 'Verification.Proctoring.Contracts.ReviewCaseOpened'
            ORDER BY id
            """, new { caseId })).Select(t => t.Split('.')[^1]).ToList();
        Assert.Equal(["ReviewCaseDecided", "ReviewCaseAppealed", "ReviewCaseDecided"], published);
    }

    [Fact]
    public async Task The_queue_puts_the_highest_priority_first_then_the_oldest_filters_by_flag_and_priority_and_its_counts_agree_with_the_list()
    {
        var learner = await app.CreateLearnerAsync("Queued Learner");
        var normalOld = await Reviewers.SeedCaseAsync(app, learner, "Normal", ["StreamGap"], TimeSpan.FromHours(3));
        var highNew = await Reviewers.SeedCaseAsync(app, learner, "High", ["FaceMismatch", "SuspectedSpoof"], TimeSpan.FromMinutes(1));
        var highOld = await Reviewers.SeedCaseAsync(app, learner, "High", ["FaceMismatch"], TimeSpan.FromHours(1));
        var decided = await Reviewers.SeedCaseAsync(app, learner, "Low", ["TypingMismatch"], TimeSpan.FromHours(5));
        using var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        using (var approve = await reviewer.DecideAsync(decided, "approved", "Typing drift only; face matched."))
        {
            Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        }

        var all = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}");
        var mismatch = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}&flag=FaceMismatch");
        var normal = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}&priority=Normal");
        var approved = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}&status=approved");

        Assert.Equal([highOld, highNew, normalOld], Ids(all));
        Assert.Equal(3, all.GetProperty("counts").GetProperty("open").GetInt32());
        Assert.Equal(1, all.GetProperty("counts").GetProperty("approved").GetInt32());
        Assert.Equal(3, all.GetProperty("listed").GetInt32());
        Assert.Equal([highOld, highNew], Ids(mismatch));
        Assert.Equal(2, mismatch.GetProperty("counts").GetProperty("open").GetInt32());
        Assert.Equal([normalOld], Ids(normal));
        Assert.Equal([decided], Ids(approved));
        Assert.Equal(3 * 3600, all.GetProperty("cases")[2].GetProperty("ageSeconds").GetInt64());
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetGuid())];

    private Task<HttpResponseMessage> Appeal(TestLearner learner, string token, Guid caseId, string reason) =>
        app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/review-cases/{caseId}/appeal", token, JsonContent.Create(new { reason }));

    private async Task<IdentityVerificationStatus> AskAsync(TestLearner learner)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IsIdentityVerified(learner.LearnerId, learner.CourseId), Cancel);
    }
}
