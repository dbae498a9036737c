using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;

namespace Verification.Billing.Tests.Support;

/// <summary>
/// The steps of the path after payment: identity is the only fact set from outside (the rows an ended, verified session
/// leaves in the proctoring schema); completion goes through the partner's API, and the certificate decision follows.
/// </summary>
public static class CertificatePath
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task VerifiedSessionAsync(BillingApp app, TestLearner learner)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync("""
            INSERT INTO proctoring.identity_profiles (learner_id, face_template, face_template_key_id, id_photo_score, typing_phrase, created_at, updated_at, version)
            VALUES (@LearnerId, '\x00', 'test1', 0.9, 'phrase', now(), now(), 1) ON CONFLICT DO NOTHING;
            INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, verdict, priority, started_at, ended_at)
            VALUES (@SessionId, @LearnerId, @CourseId, 'final-exam', 'ended', 'Verified', 'Normal', now(), now());
            """, new { learner.LearnerId, learner.CourseId, SessionId = Guid.CreateVersion7() });
    }

    /// <summary>The partner passes the course's only graded item; returns once the completion left the enrollment outbox.</summary>
    public static async Task CompleteAsync(BillingApp app, TestLearner learner)
    {
        var key = await app.SendAsync(m => m.Send(new CreateApiKey(learner.PartnerId, [ApiScopes.LearnersWrite], "progress", "test"), Cancel));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Created!.Key);
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/enrollment/learners/{learner.LearnerId}/courses/{learner.CourseId}/graded-items/final-exam",
            new { passed = true, grade = 0.9m, occurredAt = app.Time.GetUtcNow() }, Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));

        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM enrollment.outbox WHERE delivered_at IS NULL") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The completion never left the enrollment outbox.");
            await Task.Delay(50, Cancel);
        }
    }

    public static async Task<List<JsonElement>> CertificatesAsync(TestLearner learner) =>
        await learner.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/learners/{learner.LearnerId}/certificates", Cancel) ?? [];
}
