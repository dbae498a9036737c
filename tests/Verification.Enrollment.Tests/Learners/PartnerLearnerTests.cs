using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;
using Verification.Enrollment.Contracts;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Learners;

public sealed class PartnerLearnerTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registering_the_same_external_id_again_returns_the_same_learner_with_the_name_in_NFC()
    {
        var partner = await TestPartner.CreateAsync(app);
        var body = new { fullName = "  Zoe\u0301 Ren\u0303o  ", email = "zoe@example.org", externalId = "u-17" };

        using var first = await partner.Key.PostAsJsonAsync("/api/v1/enrollment/learners", body, Cancel);
        using var again = await partner.Key.PostAsJsonAsync("/api/v1/enrollment/learners", body, Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var created = await first.ReadAsync<JsonElement>();
        Assert.Equal(created.GetProperty("learnerId").GetGuid(), (await again.ReadAsync<JsonElement>()).GetProperty("learnerId").GetGuid());
        Assert.Equal("Zo\u00e9 Re\u00f1o", created.GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task The_same_email_under_two_partners_is_two_learners_and_each_partner_sees_only_its_own()
    {
        var first = await TestPartner.CreateAsync(app);
        var second = await TestPartner.CreateAsync(app);

        var one = await first.LearnerAsync(email: "same@example.org");
        var two = await second.LearnerAsync(email: "same@example.org");

        Assert.NotEqual(one, two);
        Assert.True(await app.SendAsync(new IsLearnerOfPartner(one, first.PartnerId)));
        Assert.False(await app.SendAsync(new IsLearnerOfPartner(one, second.PartnerId)));
        using var foreign = await second.Key.GetAsync($"/api/v1/enrollment/learners/{one}", Cancel);
        await AssertPartnerMismatchAsync(foreign);
    }

    [Fact]
    public async Task Another_email_under_a_taken_external_id_is_a_conflict()
    {
        var partner = await TestPartner.CreateAsync(app);
        await partner.LearnerAsync(email: "a@example.org", externalId: "x-1");

        using var response = await partner.Key.PostAsJsonAsync("/api/v1/enrollment/learners", new { fullName = "B", email = "b@example.org", externalId = "x-1" }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_key_of_another_partner_is_refused_on_the_learner_for_every_write()
    {
        var owner = await TestPartner.CreateAsync(app);
        var other = await TestPartner.CreateAsync(app);
        var learner = await owner.LearnerAsync();
        await owner.EnrollAsync(learner);
        var at = app.Time.GetUtcNow();

        using var enroll = await other.Key.PostAsJsonAsync($"/api/v1/enrollment/learners/{learner}/enrollments", new { courseId = other.CourseId, track = "audit" }, Cancel);
        using var progress = await other.Key.PutAsJsonAsync($"/api/v1/enrollment/learners/{learner}/courses/{owner.CourseId}/progress", new { progress = 1, occurredAt = at }, Cancel);
        using var item = await other.Key.PutAsJsonAsync($"/api/v1/enrollment/learners/{learner}/courses/{owner.CourseId}/graded-items/quiz-1", new { passed = true, occurredAt = at }, Cancel);

        await AssertPartnerMismatchAsync(enroll);
        await AssertPartnerMismatchAsync(progress);
        await AssertPartnerMismatchAsync(item);
        Assert.False(await app.SendAsync(new HasPassed(learner, owner.CourseId)));
    }

    [Fact]
    public async Task A_key_of_another_partner_pushing_a_completion_for_the_learner_is_refused_and_completes_nothing()
    {
        var owner = await TestPartner.CreateAsync(app, gradedItems: 1);
        var other = await TestPartner.CreateAsync(app, gradedItems: 1);
        var learner = await owner.LearnerAsync();
        await owner.EnrollAsync(learner);
        var pass = new { passed = true, grade = 1.0, occurredAt = app.Time.GetUtcNow() };

        using var onTheOwnersCourse = await other.Key.PutAsJsonAsync($"/api/v1/enrollment/learners/{learner}/courses/{owner.CourseId}/graded-items/final", pass, Cancel);
        using var onItsOwnCourse = await other.Key.PutAsJsonAsync($"/api/v1/enrollment/learners/{learner}/courses/{other.CourseId}/graded-items/final", pass, Cancel);
        var passedAfterTheForeignPushes = await app.SendAsync(new HasPassed(learner, owner.CourseId));
        using var byTheOwner = await owner.Key.PutAsJsonAsync($"/api/v1/enrollment/learners/{learner}/courses/{owner.CourseId}/graded-items/final", pass, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, onTheOwnersCourse.StatusCode);
        Assert.Equal("partner_mismatch", (await onTheOwnersCourse.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, onItsOwnCourse.StatusCode);
        Assert.False(passedAfterTheForeignPushes);
        // The same push from the learner's own partner completes the course: the refusal was the key, not the push.
        Assert.Equal(HttpStatusCode.OK, byTheOwner.StatusCode);
        Assert.True(await app.SendAsync(new HasPassed(learner, owner.CourseId)));
    }

    [Fact]
    public async Task A_partners_learner_cannot_be_enrolled_in_another_partners_course()
    {
        var owner = await TestPartner.CreateAsync(app);
        var other = await TestPartner.CreateAsync(app);
        var learner = await owner.LearnerAsync();

        using var response = await owner.Key.PostAsJsonAsync($"/api/v1/enrollment/learners/{learner}/enrollments", new { courseId = other.CourseId, track = "audit" }, Cancel);

        await AssertPartnerMismatchAsync(response);
    }

    [Fact]
    public async Task Enrolling_on_the_verified_track_answers_the_track_question_and_an_audit_enrollment_moves_up()
    {
        var partner = await TestPartner.CreateAsync(app);
        var learner = await partner.LearnerAsync();

        await partner.EnrollAsync(learner, "audit");
        var auditOnly = await app.SendAsync(new IsEnrolledInTrack(learner, partner.CourseId, EnrollmentTrack.Verified));
        await partner.EnrollAsync(learner, "verified");
        await partner.EnrollAsync(learner, "audit");

        Assert.False(auditOnly);
        Assert.True(await app.SendAsync(new IsEnrolledInTrack(learner, partner.CourseId, EnrollmentTrack.Verified)));
        Assert.False(await app.SendAsync(new IsEnrolledInTrack(learner, partner.CourseId, EnrollmentTrack.Audit)));
    }

    [Fact]
    public async Task A_course_without_a_verified_track_or_a_retired_course_refuses_the_enrollment()
    {
        var partner = await TestPartner.CreateAsync(app);
        var auditOnly = await TestPartner.CreateCourseAsync(app, partner.PartnerId, verifiedTrack: false);
        var retired = await TestPartner.CreateCourseAsync(app, partner.PartnerId);
        using (var retire = await (await app.AdminAsync()).PostAsync($"/api/v1/catalog/courses/{retired}/retire", null, Cancel))
        {
            await retire.ReadAsync<JsonElement>();
        }

        var learner = await partner.LearnerAsync();

        using var noTrack = await partner.Key.PostAsJsonAsync($"/api/v1/enrollment/learners/{learner}/enrollments", new { courseId = auditOnly, track = "verified" }, Cancel);
        using var closed = await partner.Key.PostAsJsonAsync($"/api/v1/enrollment/learners/{learner}/enrollments", new { courseId = retired, track = "audit" }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, noTrack.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("course_retired", await closed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "a@example.org", "full name is missing")]
    [InlineData("Eve", "not-an-email", "email is not a valid address")]
    [InlineData("Eve", "eve@example.org\r\nBcc: x@example.org", "email is not a valid address")]
    // NUL is refused by the Host for every endpoint before the module sees it (docs/http-errors.md).
    [InlineData("Eve\u0000", "eve@example.org", "nul_character")]
    [InlineData("Eve\u202e", "eve@example.org", "control characters")]
    [InlineData("Eve", "", "email is missing")]
    public async Task Bad_names_and_emails_are_refused_with_the_reason(string fullName, string email, string reason)
    {
        var partner = await TestPartner.CreateAsync(app);

        using var response = await partner.Key.PostAsJsonAsync("/api/v1/enrollment/learners", new { fullName, email }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_or_without_the_learners_scope_the_api_refuses()
    {
        var partner = await TestPartner.CreateAsync(app);
        var catalogOnly = await app.KeyAsync(partner.PartnerId, ApiScopes.CatalogWrite);
        var body = new { fullName = "Eve", email = "eve@example.org" };

        using var anonymous = await app.Anonymous().PostAsJsonAsync("/api/v1/enrollment/learners", body, Cancel);
        using var wrongScope = await catalogOnly.PostAsJsonAsync("/api/v1/enrollment/learners", body, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
    }

    /// <summary>The Host's refusal of a key on another partner's learner or course, whether it exists or not.</summary>
    private static async Task AssertPartnerMismatchAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("partner_mismatch", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }
}
