using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Access.Contracts;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;
using Verification.BuildingBlocks.Access;

namespace Verification.Billing.Tests.Path;

/// <summary>
/// The whole path in one Host: catalog → enroll → pay with a card → complete, and the certificate decision that
/// follows "paid" when a card is declined or the fee is refunded. Identity is the only fact set from outside: the rows
/// an ended, verified session leaves in the proctoring schema.
/// </summary>
public sealed class CertificatePathTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string DeclinedCard = "4000000000000002";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Paid_by_card_passed_and_verified_issues_the_certificate_and_its_fee_is_then_not_refundable()
    {
        var learner = await app.LearnerAsync();
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();
        Assert.Equal(EntitlementState.Paid, (await EntitlementAsync(learner)).State);

        await VerifiedSessionAsync(learner);
        await CompleteAsync(learner);

        var certificates = await CertificatesAsync(learner);
        Assert.Equal("issued", Assert.Single(certificates).GetProperty("status").GetString());
        using var refund = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Conflict, refund.StatusCode);
        Assert.Contains("certificate_issued", await refund.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(EntitlementState.Paid, (await EntitlementAsync(learner)).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_declined_card_leaves_the_track_unpaid_and_completion_issues_no_certificate()
    {
        var learner = await app.LearnerAsync();
        using var order = await learner.OrderAsync(Guid.NewGuid().ToString("N"), DeclinedCard);
        Assert.Equal(HttpStatusCode.PaymentRequired, order.StatusCode);
        Assert.Equal(EntitlementState.NotPaid, (await EntitlementAsync(learner)).State);

        await VerifiedSessionAsync(learner);
        await CompleteAsync(learner);

        Assert.Empty(await CertificatesAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_refund_before_completion_withdraws_paid_and_completion_issues_no_certificate()
    {
        var learner = await app.LearnerAsync();
        var orderId = (await learner.PayAsync()).GetProperty("orderId").GetGuid();
        using (var refund = await learner.RefundAsync(orderId, Guid.NewGuid().ToString("N")))
        {
            Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        }

        Assert.Equal(EntitlementState.NotPaid, (await EntitlementAsync(learner)).State);
        await VerifiedSessionAsync(learner);
        await CompleteAsync(learner);

        Assert.Empty(await CertificatesAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    private Task<TrackEntitlement> EntitlementAsync(TestLearner learner) =>
        app.SendAsync(m => m.Send(new GetTrackEntitlement(learner.LearnerId, learner.TrackId), Cancel));

    private async Task VerifiedSessionAsync(TestLearner learner)
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
    private async Task CompleteAsync(TestLearner learner)
    {
        var key = await app.SendAsync(m => m.Send(new CreateApiKey(learner.PartnerId, [ApiScopes.LearnersWrite], "progress", "test"), Cancel));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Created!.Key);
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/enrollment/learners/{learner.LearnerId}/courses/{learner.CourseId}/graded-items/final-exam",
            new { passed = true, grade = 0.9m, occurredAt = DateTimeOffset.UtcNow }, Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));

        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM enrollment.outbox WHERE delivered_at IS NULL") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The completion never left the enrollment outbox.");
            await Task.Delay(50, Cancel);
        }
    }

    private async Task<List<JsonElement>> CertificatesAsync(TestLearner learner) =>
        await learner.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/learners/{learner.LearnerId}/certificates", Cancel) ?? [];
}
