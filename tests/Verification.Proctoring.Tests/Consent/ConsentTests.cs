using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Consent;

public sealed class ConsentTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Fact]
    public async Task Shows_the_current_versioned_consent_text_and_no_acceptance_before_the_learner_accepts()
    {
        var learner = await app.CreateLearnerAsync("Grace Consent");
        var token = await app.TokenAsync(learner);

        using var response = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", token);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = body.RootElement.GetProperty("current");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Contains("withdraw", current.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("the answers you write during graded assessments (which group of keys and when, never what you write)", current.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["face", "id_photo", "typing", "answer_typing"], current.GetProperty("covers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("accepted").ValueKind);
    }

    [Fact]
    public async Task Records_the_accepted_version_time_and_coverage_and_audits_it()
    {
        var learner = await app.CreateLearnerAsync("Alan Consent");
        var token = await app.TokenAsync(learner);

        using var accept = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/consent", token, JsonContent.Create(new { version = 2 }));
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);

        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var row = await connection.QuerySingleAsync<(int Version, DateTime AcceptedAt, DateTime? WithdrawnAt)>(
            "SELECT version, accepted_at, withdrawn_at FROM proctoring.consents WHERE learner_id = @LearnerId", new { learner.LearnerId });
        var covers = await connection.ExecuteScalarAsync<string[]>("SELECT covers FROM proctoring.consents WHERE learner_id = @LearnerId", new { learner.LearnerId });
        Assert.Equal(2, row.Version);
        Assert.Equal(["face", "id_photo", "typing", "answer_typing"], covers!);
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime, row.AcceptedAt);
        Assert.Null(row.WithdrawnAt);
        var audited = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit.entries WHERE action = 'consent.accepted' AND subject = @subject", new { subject = $"learner:{learner.LearnerId}" });
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Refuses_an_acceptance_of_a_version_that_is_not_current()
    {
        var learner = await app.CreateLearnerAsync("Old Version");
        var token = await app.TokenAsync(learner);

        using var response = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/consent", token, JsonContent.Create(new { version = 7 }));

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "consent_version_outdated");
    }

    [Fact]
    public async Task Withdrawal_ends_the_live_consent_and_deletes_the_enrollment_in_progress()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Withdrawing Learner");
        await using (var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                "INSERT INTO proctoring.enrollment_frames (id, learner_id, embedding, key_id, captured_at) VALUES (@id, @LearnerId, '\\x01', 'test1', now())",
                new { id = Guid.CreateVersion7(), learner.LearnerId });
        }

        using var withdraw = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/consent", token);
        using var view = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", token);
        using var body = JsonDocument.Parse(await view.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NoContent, withdraw.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("accepted").ValueKind);
        await using var check = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.enrollment_frames WHERE learner_id = @LearnerId", new { learner.LearnerId }));
        Assert.Equal(1, await check.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit.entries WHERE action = 'consent.withdrawn' AND subject = @subject", new { subject = $"learner:{learner.LearnerId}" }));
    }

    [Fact]
    public async Task A_token_of_one_learner_cannot_read_or_give_consent_for_another()
    {
        var (_, tokenA) = await app.ConsentingLearnerAsync("Learner A");
        var learnerB = await app.CreateLearnerAsync("Learner B");

        using var read = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learnerB.LearnerId}/consent", tokenA);
        using var accept = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learnerB.LearnerId}/consent", tokenA, JsonContent.Create(new { version = 2 }));

        await Problems.AssertAsync(read, HttpStatusCode.Forbidden, "learner_mismatch");
        await Problems.AssertAsync(accept, HttpStatusCode.Forbidden, "learner_mismatch");
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.consents WHERE learner_id = @LearnerId", new { learnerB.LearnerId }));
    }
}
