using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;

namespace Verification.Enrollment.Tests.Support;

/// <summary>A partner with a course (and its verified track) made through the catalog API, and the partner's key as a client.</summary>
public sealed record TestPartner(Guid PartnerId, Guid CourseId, HttpClient Key)
{
    public static async Task<TestPartner> CreateAsync(TestApp app, int gradedItems = 2, string scope = ApiScopes.LearnersWrite)
    {
        var cancel = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var slug = "p-" + Guid.NewGuid().ToString("N")[..12];
        var partner = await (await admin.PostAsJsonAsync("/api/v1/catalog/partners", new { name = "Partner " + slug, country = "CH", slug }, cancel)).ReadAsync<JsonElement>();
        var partnerId = partner.GetProperty("partnerId").GetGuid();
        var course = await CreateCourseAsync(app, partnerId, gradedItems);
        return new TestPartner(partnerId, course, await app.KeyAsync(partnerId, scope));
    }

    public static async Task<Guid> CreateCourseAsync(TestApp app, Guid partnerId, int gradedItems = 2, bool verifiedTrack = true)
    {
        var cancel = TestContext.Current.CancellationToken;
        var catalog = await app.KeyAsync(partnerId, ApiScopes.CatalogWrite);
        var slug = "c-" + Guid.NewGuid().ToString("N")[..12];
        var course = await (await catalog.PostAsJsonAsync("/api/v1/catalog/courses", new { slug, title = "Course " + slug, languages = new[] { "en" }, gradedItems, startsOn = "2026-09-01" }, cancel)).ReadAsync<JsonElement>();
        var courseId = course.GetProperty("courseId").GetGuid();
        if (verifiedTrack)
        {
            using var track = await catalog.PutAsJsonAsync($"/api/v1/catalog/tracks/{courseId}", new { priceMinor = 4900, currency = "USD", requiresIdentityVerification = true, typingCheck = "every_assessment" }, cancel);
            await track.ReadAsync<JsonElement>();
        }

        return courseId;
    }

    public async Task<Guid> LearnerAsync(string fullName = "Ada Lovelace", string? email = null, string? externalId = null)
    {
        var cancel = TestContext.Current.CancellationToken;
        var body = new { fullName, email = email ?? $"{Guid.NewGuid():N}@example.org", externalId = externalId ?? Guid.NewGuid().ToString("N") };
        var learner = await (await Key.PostAsJsonAsync("/api/v1/enrollment/learners", body, cancel)).ReadAsync<JsonElement>();
        return learner.GetProperty("learnerId").GetGuid();
    }

    public async Task<JsonElement> EnrollAsync(Guid learnerId, string track = "verified", Guid? courseId = null)
    {
        var response = await Key.PostAsJsonAsync($"/api/v1/enrollment/learners/{learnerId}/enrollments", new { courseId = courseId ?? CourseId, track }, TestContext.Current.CancellationToken);
        return await response.ReadAsync<JsonElement>();
    }
}
