using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Stripe;
using Verification.Billing.Contracts;
using Verification.Billing.Payments.Webhooks;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Stripe;

/// <summary>
/// <c>/api/v1/billing/webhooks/stripe</c> in a Host whose provider is Stripe: events signed as Stripe signs them
/// (HMAC-SHA256 over "t.body" with the whsec_ secret, checked by Stripe.net's EventUtility) move orders through the
/// same confirmations, failures and refunds as the local provider's; a forged, old or replayed one changes nothing.
/// </summary>
public sealed class StripeWebhookEndpointTests(StripeApp app) : IClassFixture<StripeApp>
{
    private const string PaymentMethod = "pm_card_visa";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_payment_intent_succeeded_pays_the_order_once_and_its_replay_changes_nothing()
    {
        var learner = await app.LearnerAsync(priceMinor: 4900);
        var (orderId, intent) = await PendingOrderAsync(learner);
        var body = Event("payment_intent.succeeded", $$"""{"id":"{{intent}}","object":"payment_intent","amount":4900,"amount_received":4900,"currency":"usd","status":"succeeded"}""");

        using var first = await PostAsync(body, Sign(body));
        using var replay = await PostAsync(body, Sign(body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("applied", await first.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains("duplicate", await replay.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("paid", (await learner.OrderViewAsync(orderId)).GetProperty("status").GetString());
        Assert.Equal(new TrackEntitlement(learner.LearnerId, learner.TrackId, EntitlementState.Paid, EntitlementSource.Order), await learner.EntitlementAsync());
        Assert.Equal(1, await EntriesAsync(orderId));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_forged_tampered_old_unsigned_or_unreadable_event_is_refused_and_the_order_stays_pending()
    {
        var learner = await app.LearnerAsync(priceMinor: 4900);
        var (orderId, intent) = await PendingOrderAsync(learner);
        var body = Event("payment_intent.succeeded", $$"""{"id":"{{intent}}","object":"payment_intent","amount":4900,"amount_received":4900,"currency":"usd","status":"succeeded"}""");
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();

        using var forged = await PostAsync(body, WebhookSignature.Sign("whsec_someone_elses_secret_0123456789", now, body));
        using var tampered = await PostAsync(body.Replace("4900", "4901", StringComparison.Ordinal), Sign(body));
        using var old = await PostAsync(body, WebhookSignature.Sign(StripeApp.StripeWebhookSecret, now - 301, body));
        using var unsigned = await PostAsync(body, null);
        using var unreadable = await PostAsync("not json", Sign("not json"));
        var mismatch = Event("payment_intent.succeeded", $$"""{"id":"{{intent}}","object":"payment_intent","amount":1,"amount_received":1,"currency":"usd","status":"succeeded"}""");
        using var wrongAmount = await PostAsync(mismatch, Sign(mismatch));
        var unknownBody = Event("payment_intent.succeeded", """{"id":"pi_nobody","object":"payment_intent","amount":4900,"currency":"usd","status":"succeeded"}""");
        using var unknown = await PostAsync(unknownBody, Sign(unknownBody));
        var ignoredBody = Event("customer.created", """{"id":"cus_1","object":"customer"}""");
        using var ignored = await PostAsync(ignoredBody, Sign(ignoredBody));

        Assert.Equal("webhook_signature_invalid", await CodeAsync(forged));
        Assert.Equal("webhook_signature_invalid", await CodeAsync(tampered));
        Assert.Equal("webhook_timestamp_out_of_tolerance", await CodeAsync(old));
        Assert.Equal("webhook_signature_invalid", await CodeAsync(unsigned));
        Assert.Equal("webhook_unreadable", await CodeAsync(unreadable));
        Assert.Equal("webhook_amount_mismatch", await CodeAsync(wrongAmount));
        Assert.Equal("payment_unknown", await CodeAsync(unknown));
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.Equal("pending", (await learner.OrderViewAsync(orderId)).GetProperty("status").GetString());
        Assert.Equal(0, await EntriesAsync(orderId));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_payment_failed_event_declines_the_order_with_stripes_code_and_leaves_the_track_unpaid()
    {
        var learner = await app.LearnerAsync(priceMinor: 4900);
        var (orderId, intent) = await PendingOrderAsync(learner);
        var body = Event("payment_intent.payment_failed", $$$"""
            {"id":"{{{intent}}}","object":"payment_intent","amount":4900,"currency":"usd","status":"requires_payment_method",
             "last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds"}}
            """);

        using var response = await PostAsync(body, Sign(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await learner.OrderViewAsync(orderId);
        Assert.Equal(("declined", "insufficient_funds"), (order.GetProperty("status").GetString(), order.GetProperty("declineCode").GetString()));
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task A_charge_refunded_in_stripes_dashboard_is_recorded_once_and_a_refund_the_service_made_is_not_counted_twice()
    {
        var dashboard = await app.LearnerAsync(priceMinor: 4900);
        var (dashboardOrder, dashboardIntent) = await PaidOrderAsync(dashboard);
        var viaApi = await app.LearnerAsync(priceMinor: 4900);
        var (apiOrder, apiIntent) = await PaidOrderAsync(viaApi);
        using (var refund = await viaApi.RefundAsync(apiOrder, Guid.NewGuid().ToString("N"), amountMinor: 1500))
        {
            Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        }

        var full = Event("charge.refunded", $$"""{"id":"ch_1","object":"charge","amount":4900,"amount_refunded":4900,"currency":"usd","payment_intent":"{{dashboardIntent}}","refunded":true}""");
        var echo = Event("charge.refunded", $$"""{"id":"ch_2","object":"charge","amount":4900,"amount_refunded":1500,"currency":"usd","payment_intent":"{{apiIntent}}","refunded":false}""");
        using var fullAnswer = await PostAsync(full, Sign(full));
        using var replay = await PostAsync(full, Sign(full));
        using var echoAnswer = await PostAsync(echo, Sign(echo));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (fullAnswer.StatusCode, replay.StatusCode, echoAnswer.StatusCode));
        var refunded = await dashboard.OrderViewAsync(dashboardOrder);
        Assert.Equal(("refunded", 4900L), (refunded.GetProperty("status").GetString(), refunded.GetProperty("refundedMinor").GetInt64()));
        Assert.Equal(EntitlementState.NotPaid, (await dashboard.EntitlementAsync()).State);
        Assert.Equal(1500L, (await viaApi.OrderViewAsync(apiOrder)).GetProperty("refundedMinor").GetInt64());
        Assert.Equal((2, 2), (await EntriesAsync(dashboardOrder), await EntriesAsync(apiOrder)));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task With_stripe_a_card_number_is_refused_since_only_a_payment_method_from_stripes_page_is_taken()
    {
        var learner = await app.LearnerAsync();

        using var response = await learner.OrderAsync(Guid.NewGuid().ToString("N"), TestLearner.GoodCard);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_input", await CodeAsync(response));
    }

    private async Task<(Guid OrderId, string Intent)> PendingOrderAsync(TestLearner learner)
    {
        using var response = await learner.OrderAsync(Guid.NewGuid().ToString("N"), PaymentMethod);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("orderId").GetGuid();
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var intent = await connection.ExecuteScalarAsync<string>("SELECT provider_payment_id FROM billing.orders WHERE id = @orderId AND provider = 'stripe'", new { orderId });
        Assert.True(intent is not null && app.Intents.ContainsKey(intent), "The order should hold the PaymentIntent the SDK created.");
        return (orderId, intent);
    }

    private async Task<(Guid OrderId, string Intent)> PaidOrderAsync(TestLearner learner)
    {
        var (orderId, intent) = await PendingOrderAsync(learner);
        var body = Event("payment_intent.succeeded", $$"""{"id":"{{intent}}","object":"payment_intent","amount":4900,"amount_received":4900,"currency":"usd","status":"succeeded"}""");
        using var response = await PostAsync(body, Sign(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (orderId, intent);
    }

    private static string Event(string type, string dataObject) =>
        $$$"""{"id":"evt_{{{Guid.NewGuid():N}}}","object":"event","api_version":"{{{StripeConfiguration.ApiVersion}}}","created":1790000000,"type":"{{{type}}}","data":{"object":{{{dataObject}}}}}""";

    // Stripe's scheme: Stripe-Signature: t=<unix>,v1=HMAC-SHA256(whsec, "<t>.<body>"), the same as the local provider's.
    private string Sign(string body) => WebhookSignature.Sign(StripeApp.StripeWebhookSecret, app.Time.GetUtcNow().ToUnixTimeSeconds(), body);

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/billing/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await app.CreateClient().SendAsync(request, Cancel);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString();

    private async Task<long> EntriesAsync(Guid orderId)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM billing.ledger_entries WHERE order_id = @orderId", new { orderId });
    }
}
