using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Verification.Billing.Contracts;
using Verification.Billing.Payments.Webhooks;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Payments;

/// <summary>Webhooks posted by the test to the Host's endpoint, for a pending order whose provider confirmation the test holds back.</summary>
public sealed class WebhookTests(BillingApp app) : IClassFixture<BillingApp>
{
    private const string Path = "/api/v1/billing/webhooks/local";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_signature_a_tampered_body_an_old_timestamp_and_no_signature_change_nothing()
    {
        var (learner, paymentId) = await PendingOrderAsync();
        var body = Event("evt_" + Guid.NewGuid().ToString("N"), paymentId, 4900);
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();

        using var wrongKey = await PostAsync(body, WebhookSignature.Sign("another-secret-another-secret-another-secret", now, body));
        using var tampered = await PostAsync(body.Replace("4900", "4901", StringComparison.Ordinal), WebhookSignature.Sign(BillingApp.WebhookSecret, now, body));
        using var old = await PostAsync(body, WebhookSignature.Sign(BillingApp.WebhookSecret, now - 301, body));
        using var unsigned = await PostAsync(body, null);

        Assert.Equal("webhook_signature_invalid", await CodeAsync(wrongKey));
        Assert.Equal("webhook_signature_invalid", await CodeAsync(tampered));
        Assert.Equal("webhook_timestamp_out_of_tolerance", await CodeAsync(old));
        Assert.Equal("webhook_signature_invalid", await CodeAsync(unsigned));
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        Assert.Equal(0, await LedgerEntriesAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_replayed_event_id_changes_nothing_and_a_second_event_for_a_paid_order_writes_no_second_entry()
    {
        var (learner, paymentId) = await PendingOrderAsync();
        var body = Event("evt_" + Guid.NewGuid().ToString("N"), paymentId, 4900);

        using var first = await PostAsync(body, Sign(body));
        using var replay = await PostAsync(body, Sign(body));
        var other = Event("evt_" + Guid.NewGuid().ToString("N"), paymentId, 4900);
        using var otherEvent = await PostAsync(other, Sign(other));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("applied", await first.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains("duplicate", await replay.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherEvent.StatusCode);
        Assert.Equal(EntitlementState.Paid, (await learner.EntitlementAsync()).State);
        Assert.Equal(1, await LedgerEntriesAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task The_same_webhook_delivered_twice_concurrently_is_applied_once()
    {
        var (learner, paymentId) = await PendingOrderAsync();
        var body = Event("evt_" + Guid.NewGuid().ToString("N"), paymentId, 4900);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(body, Sign(body))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync(Cancel)));
        Assert.Single(texts, t => t.Contains("applied", StringComparison.Ordinal));
        Assert.Equal(1, await LedgerEntriesAsync(learner));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_webhook_confirming_another_amount_leaves_the_order_pending()
    {
        var (learner, paymentId) = await PendingOrderAsync();
        var body = Event("evt_" + Guid.NewGuid().ToString("N"), paymentId, 1);

        using var response = await PostAsync(body, Sign(body));

        Assert.Equal("webhook_amount_mismatch", await CodeAsync(response));
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    private static string Event(string id, string paymentId, long amount) =>
        JsonSerializer.Serialize(new { id, type = "payment.succeeded", created = 0, data = new { payment_id = paymentId, amount_minor = amount, currency = "USD" } });

    private string Sign(string body) => WebhookSignature.Sign(BillingApp.WebhookSecret, app.Time.GetUtcNow().ToUnixTimeSeconds(), body);

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.Header, signature);
        }

        return await client.SendAsync(request, Cancel);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString();
    }

    /// <summary>A pending order as placing one leaves it, under a payment id whose confirmation only this test sends.</summary>
    private async Task<(TestLearner Learner, string PaymentId)> PendingOrderAsync()
    {
        var learner = await app.LearnerAsync();
        var paymentId = "lp_test_" + Guid.NewGuid().ToString("N");
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync("""
            INSERT INTO billing.orders (id, learner_id, partner_id, certificate_track_id, amount_minor, currency, status, created_at, provider, provider_payment_id)
            VALUES (@id, @LearnerId, @PartnerId, @TrackId, 4900, 'USD', 'pending', now(), 'local', @paymentId)
            """, new { id = Guid.CreateVersion7(), learner.LearnerId, learner.PartnerId, learner.TrackId, paymentId });
        return (learner, paymentId);
    }

    private async Task<int> LedgerEntriesAsync(TestLearner learner)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM billing.ledger_entries WHERE learner_id = @LearnerId", new { learner.LearnerId });
    }
}
