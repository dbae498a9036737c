using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Access.Contracts;
using Verification.Catalog.Contracts;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// A learner who exists only because a partner registered and enrolled them through the partner API (catalog and
/// enrollment modules): the token endpoint, identity enrollment and a whole session work for them as for anyone.
/// </summary>
public sealed class PartnerLearnerSessionTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_learner_registered_and_enrolled_through_a_partners_api_is_verified_in_a_session_and_another_partners_key_is_refused()
    {
        // The app's own partner, whose platform key mints the tokens; its learners come only through the partner API here.
        var partnerId = app.PartnerId;
        var otherPartnerId = await CreatePartnerAsync();
        var courseId = await CreateVerifiedCourseAsync(partnerId);
        using var key = await KeyClientAsync(partnerId, ApiScopes.LearnersWrite);
        using var otherKey = await KeyClientAsync(otherPartnerId, ApiScopes.LearnersWrite);
        var fullName = "Partner Learner " + Guid.NewGuid().ToString("N")[..6];
        var learner = await ReadAsync(await key.PostAsJsonAsync("/api/v1/enrollment/learners", new { fullName, email = $"{Guid.NewGuid():N}@example.org", externalId = "ext-1" }, Cancel));
        var learnerId = learner.GetProperty("learnerId").GetGuid();
        await ReadAsync(await key.PostAsJsonAsync($"/api/v1/enrollment/learners/{learnerId}/enrollments", new { courseId, track = "verified" }, Cancel));
        var testLearner = new TestLearner(learnerId, courseId, fullName);

        var token = await app.TokenAsync(testLearner);
        await app.AcceptCurrentConsentAsync(testLearner, token);

        await app.UploadEverythingAsync(testLearner, token, FaceSet.Enrolled.Person, FaceSet.Enrolled.Typist, FaceSet.EnrollmentTypingSkip);
        using (var complete = await app.CompleteAsync(testLearner, token))
        {
            await Enrollments.EnsureOkAsync(complete);
        }

        await using var player = await Hubs.StartSessionAsync(app, "json", testLearner);
        foreach (var frame in FaceSet.Enrolled.SessionFrames)
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var verdict = await player.EndAsync();
        using var foreignRead = await otherKey.GetAsync($"/api/v1/enrollment/learners/{learnerId}", Cancel);
        using var foreignPush = await otherKey.PutAsJsonAsync(
            $"/api/v1/enrollment/learners/{learnerId}/courses/{courseId}/progress", new { progress = 1, occurredAt = app.Time.GetUtcNow() }, Cancel);

        Assert.True(typing.Usable, typing.Message);
        Assert.Equal("Verified", verdict.Verdict);
        // The Host's partner check answers before the module: another partner's learner is not this key's to see.
        Assert.Equal(HttpStatusCode.Forbidden, foreignRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignPush.StatusCode);
    }

    /// <summary>A client carrying a real API key of <paramref name="partnerId"/> with <paramref name="scopes"/>.</summary>
    private async Task<HttpClient> KeyClientAsync(Guid partnerId, params string[] scopes)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateApiKey(partnerId, scopes, "Test platform", "test"), Cancel);
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Created!.Key);
        return client;
    }

    private async Task<Guid> CreatePartnerAsync()
    {
        var partnerId = Guid.CreateVersion7();
        var slug = "p-" + partnerId.ToString("N")[..12];
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreatePartner(partnerId, "University " + slug, "FR", slug), Cancel);
        return partnerId;
    }

    private async Task<Guid> CreateVerifiedCourseAsync(Guid partnerId)
    {
        using var catalog = await KeyClientAsync(partnerId, ApiScopes.CatalogWrite);
        var slug = "c-" + Guid.NewGuid().ToString("N")[..12];
        var course = await ReadAsync(await catalog.PostAsJsonAsync("/api/v1/catalog/courses", new { slug, title = "Proctored " + slug, languages = new[] { "en" }, gradedItems = 3 }, Cancel));
        var courseId = course.GetProperty("courseId").GetGuid();
        await ReadAsync(await catalog.PutAsJsonAsync($"/api/v1/catalog/tracks/{courseId}", new { priceMinor = 4900, currency = "EUR", requiresIdentityVerification = true, typingCheck = "every_assessment" }, Cancel));
        return courseId;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            await Enrollments.EnsureOkAsync(response);
            return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        }
    }
}
