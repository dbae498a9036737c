using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Audit;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>A flagged session waits for a person: the certificate question says PendingReview until a reviewer decides.</summary>
public sealed class ReviewDecisionTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Fact]
    public async Task A_reviewers_approval_turns_a_pending_review_into_verified_for_certificates_and_is_audited()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var before = await AskAsync(learner);
        await using (var player = await Hubs.StartSessionAsync(app, "messagepack", learner))
        {
            foreach (var frame in FaceSet.Impostor.SessionFrames.Take(3))
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            Assert.Equal("NeedsReview", (await player.EndAsync()).Verdict);
        }

        var pending = await AskAsync(learner);
        using var reviewer = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var anonymous = await reviewer.GetAsync(new Uri("/api/v1/review-cases", UriKind.Relative), TestContext.Current.CancellationToken);
        await SignInAsync(reviewer);
        var caseId = await FindCaseAsync(reviewer, learner);
        using var decision = await reviewer.PostAsJsonAsync($"/api/v1/review-cases/{caseId}/decision", new { decision = "approved", note = "ID photo and frames show the same person" }, TestContext.Current.CancellationToken);
        var after = await AskAsync(learner);

        Assert.Equal(IdentityStatus.NotVerified, before.Status);
        Assert.Equal(IdentityStatus.PendingReview, pending.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, decision.StatusCode);
        Assert.Equal(IdentityStatus.Verified, after.Status);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal("approved", await connection.ExecuteScalarAsync<string>("""
            SELECT payload->>'Decision' FROM proctoring.outbox
            WHERE message_type = 'Verification.Proctoring.Contracts.ReviewCaseDecided' AND (payload->>'LearnerId')::uuid = @LearnerId AND delivered_at IS NOT NULL
            """, new { learner.LearnerId }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit.entries WHERE action = 'review.decided' AND subject = @subject", new { subject = $"case:{caseId}" }));
        Assert.True((await app.Factory.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(TestContext.Current.CancellationToken)).IsIntact);
    }

    private async Task<IdentityVerificationStatus> AskAsync(TestLearner learner)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IsIdentityVerified(learner.LearnerId, learner.CourseId), TestContext.Current.CancellationToken);
    }

    private async Task SignInAsync(HttpClient client)
    {
        var email = $"{Guid.CreateVersion7():N}@example.org";
        string oneTime;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateStaffMember(email, "Test Reviewer", StaffRoles.Reviewer, "test"), TestContext.Current.CancellationToken);
            oneTime = created.Created!.OneTimePassword;
        }

        using var refused = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email, password = oneTime }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var signedIn = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email, password = oneTime, newPassword = "a long reviewer passphrase" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    private static async Task<Guid> FindCaseAsync(HttpClient client, TestLearner learner)
    {
        var body = await client.GetStringAsync(new Uri("/api/v1/review-cases", UriKind.Relative), TestContext.Current.CancellationToken);
        using var cases = JsonDocument.Parse(body);
        var match = cases.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("learnerId").GetGuid() == learner.LearnerId);
        Assert.Equal("High", match.GetProperty("priority").GetString());
        return match.GetProperty("caseId").GetGuid();
    }
}
