using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;
using Verification.Enrollment.Contracts;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Learners;

public sealed class SpecializationEnrollmentTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enrolling_in_a_specialization_enrolls_in_each_of_its_courses_on_the_chosen_track()
    {
        var partner = await TestPartner.CreateAsync(app);
        var second = await TestPartner.CreateCourseAsync(app, partner.PartnerId);
        var catalog = await app.KeyAsync(partner.PartnerId, ApiScopes.CatalogWrite);
        var specialization = await (await catalog.PostAsJsonAsync("/api/v1/catalog/specializations",
            new { slug = "s-" + Guid.NewGuid().ToString("N")[..10], title = "Two Courses", courseIds = new[] { partner.CourseId, second } }, Cancel)).ReadAsync<JsonElement>();
        var specializationId = specialization.GetProperty("specializationId").GetGuid();
        var learner = await partner.LearnerAsync();

        var enrollments = await (await partner.Key.PostAsJsonAsync($"/api/v1/enrollment/learners/{learner}/enrollments", new { specializationId, track = "audit" }, Cancel)).ReadAsync<JsonElement>();

        Assert.Equal(
            new[] { partner.CourseId, second }.Order(),
            enrollments.EnumerateArray().Select(e => e.GetProperty("courseId").GetGuid()).Order());
        Assert.All(enrollments.EnumerateArray(), e => Assert.Equal(specializationId, e.GetProperty("specializationId").GetGuid()));
        Assert.True(await app.SendAsync(new IsEnrolledInTrack(learner, second, EnrollmentTrack.Audit)));
    }
}
