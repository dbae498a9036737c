using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Access.Contracts;

namespace Verification.Proctoring.Tests.Support;

/// <summary>A signed-in staff member's client (cookies kept) and id.</summary>
public sealed record SignedInReviewer(HttpClient Client, Guid StaffId) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>Staff accounts made through Access's contract and signed in through the HTTP API, and review cases to decide.</summary>
public static class Reviewers
{
    public static async Task<SignedInReviewer> SignInAsync(ProctoringApp app, string role)
    {
        var email = $"{Guid.CreateVersion7():N}@example.org";
        StaffMemberCreated created;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            created = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateStaffMember(email, "Test Reviewer", role, "test"), TestContext.Current.CancellationToken)).Created!;
        }

        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var signedIn = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email, password = created.OneTimePassword, newPassword = "a long reviewer passphrase" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return new SignedInReviewer(client, created.StaffId);
    }

    /// <summary>An ended <c>NeedsReview</c> session of the learner with its open case, written as the verdict store writes them; returns the case id.</summary>
    public static async Task<Guid> SeedCaseAsync(ProctoringApp app, TestLearner learner, string priority, string[] flags, TimeSpan age)
    {
        var sessionId = Guid.CreateVersion7();
        var caseId = Guid.CreateVersion7();
        var opened = app.Time.GetUtcNow() - age;
        await using var connection = await app.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, verdict, priority, flag_kinds, frames_received, started_at, ended_at)
            VALUES (@sessionId, @LearnerId, @CourseId, 'final-exam', 'ended', 'NeedsReview', @priority, @flags, 3, @opened, @opened);
            INSERT INTO proctoring.review_cases (id, session_id, learner_id, course_id, priority, status, opened_at)
            VALUES (@caseId, @sessionId, @LearnerId, @CourseId, @priority, 'open', @opened);
            """,
            new { sessionId, caseId, learner.LearnerId, learner.CourseId, priority, flags, opened });
        return caseId;
    }

    public static Task<HttpResponseMessage> DecideAsync(this SignedInReviewer reviewer, Guid caseId, string decision, string? note) =>
        reviewer.Client.PostAsJsonAsync($"/api/v1/review-cases/{caseId}/decision", new { decision, note }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> ClaimAsync(this SignedInReviewer reviewer, Guid caseId) =>
        reviewer.Client.PostAsync(new Uri($"/api/v1/review-cases/{caseId}/claim", UriKind.Relative), null, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> GetJsonAsync(this SignedInReviewer reviewer, string path)
    {
        using var response = await reviewer.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<int> AuditCountAsync(ProctoringApp app, string action, string subject, string? actor = null)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit.entries WHERE action = @action AND subject = @subject AND (@actor::text IS NULL OR actor = @actor)",
            new { action, subject, actor });
    }
}
