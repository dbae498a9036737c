using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Hostile;

/// <summary>
/// U+0000 in a JSON string, a query value or the address: PostgreSQL text cannot hold it (22021), so the Host refuses
/// it for every endpoint at once with 400 <c>nul_character</c>, before any SQL runs, and logs no error.
/// </summary>
public sealed class NulCharacterTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Fact]
    public async Task A_nul_in_the_sign_in_email_is_refused_with_400()
    {
        var mark = app.Factory.Log.Mark();

        using var response = await app.Client.PostAsync(
            new Uri("/api/v1/staff/sign-in", UriKind.Relative),
            new StringContent("""{ "email": "a\u0000@example.org", "password": "whatever it is" }""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "nul_character");
        await AssertQuietRefusal(mark, "/sign-in");
    }

    [Fact]
    public async Task A_nul_in_a_decision_note_is_refused_with_400()
    {
        using var reviewer = await SignedInReviewerAsync();
        var mark = app.Factory.Log.Mark();

        using var response = await reviewer.PostAsync(
            new Uri($"/api/v1/review-cases/{Guid.CreateVersion7()}/decision", UriKind.Relative),
            new StringContent("""{ "decision": "approved", "note": "looks fine\u0000" }""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "nul_character");
        await AssertQuietRefusal(mark, "/decision");
    }

    [Fact]
    public async Task A_nul_in_the_status_query_is_refused_with_400()
    {
        using var reviewer = await SignedInReviewerAsync();
        var mark = app.Factory.Log.Mark();

        using var response = await reviewer.GetAsync(new Uri("/api/v1/review-cases?status=open%00", UriKind.Relative), TestContext.Current.CancellationToken);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "nul_character");
        await AssertQuietRefusal(mark, "/review-cases");
    }

    [Fact]
    public async Task A_nul_in_a_typing_samples_key_is_refused_with_400()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Nul Typing");
        var mark = app.Factory.Log.Mark();

        using var response = await app.SendAsync(
            HttpMethod.Post,
            $"/api/v1/learners/{learner.LearnerId}/identity/typing-samples",
            token,
            new StringContent("""{ "events": [ { "type": "down", "key": "\u0000", "code": "KeyA", "timeStamp": 1 } ] }""", Encoding.UTF8, "application/json"));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "nul_character");
        await AssertQuietRefusal(mark, "/typing-samples");
    }

    [Fact]
    public async Task The_same_status_query_without_a_nul_is_served()
    {
        using var reviewer = await SignedInReviewerAsync();

        using var response = await reviewer.GetAsync(new Uri("/api/v1/review-cases?status=open", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_and_a_wrong_method_get_problems_with_a_reason_code()
    {
        using var unknown = await app.Client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);
        using var wrongMethod = await app.Client.GetAsync(new Uri("/api/v1/staff/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(("not_found", HttpStatusCode.NotFound), ((await Problems.ReadAsync(unknown)).Code, unknown.StatusCode));
        Assert.Equal(("method_not_allowed", HttpStatusCode.MethodNotAllowed), ((await Problems.ReadAsync(wrongMethod)).Code, wrongMethod.StatusCode));
    }

    private async Task AssertQuietRefusal(int mark, string path)
    {
        Assert.Equal([400], await app.Factory.Log.RequestStatusesAsync(mark, path));
        Assert.Empty(app.Factory.Log.ErrorsSince(mark));
    }

    private async Task<HttpClient> SignedInReviewerAsync()
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var email = $"{Guid.CreateVersion7():N}@example.org";
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateStaffMember(email, "Nul Reviewer", StaffRoles.Reviewer, "test"), TestContext.Current.CancellationToken);
        using var signedIn = await client.PostAsJsonAsync(
            "/api/v1/staff/sign-in", new { email, password = issued.Created!.OneTimePassword, newPassword = "a long reviewer passphrase" }, TestContext.Current.CancellationToken);
        await Enrollments.EnsureOkAsync(signedIn);
        return client;
    }
}
