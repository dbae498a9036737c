using System.Net;
using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Learners;

/// <summary>The token endpoint asks Enrollment's contracts, so a learner enrolled through the partner API gets a token.</summary>
public sealed class TokenTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_learner_enrolled_through_the_partner_api_gets_a_token_and_one_not_enrolled_in_the_course_does_not()
    {
        var partner = await TestPartner.CreateAsync(app);
        var other = await TestPartner.CreateCourseAsync(app, partner.PartnerId);
        var learner = await partner.LearnerAsync();
        await partner.EnrollAsync(learner);

        await using var scope = app.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateApiKey(partner.PartnerId, [ApiScopes.TokensMint], "Test platform", "test"), Cancel);
        using var enrolled = await TokenAsync(key.Created!.Key, learner, partner.CourseId);
        using var notEnrolled = await TokenAsync(key.Created!.Key, learner, other);

        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notEnrolled.StatusCode);
    }

    [Fact]
    public async Task A_key_of_another_partner_gets_no_token_for_the_learner()
    {
        var partner = await TestPartner.CreateAsync(app);
        var other = await TestPartner.CreateAsync(app);
        var learner = await partner.LearnerAsync();
        await partner.EnrollAsync(learner);
        var foreignKey = (await app.SendAsync(new CreateApiKey(other.PartnerId, [ApiScopes.TokensMint], "Other platform", "test"))).Created!.Key;

        using var refused = await TokenAsync(foreignKey, learner, partner.CourseId);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("\"partner_mismatch\"", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> TokenAsync(string apiKey, Guid learnerId, Guid courseId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { learnerId, courseId, purpose = "enrollment" }) };
        request.Headers.Add("X-Api-Key", apiKey);
        return app.Anonymous().SendAsync(request, Cancel);
    }
}
