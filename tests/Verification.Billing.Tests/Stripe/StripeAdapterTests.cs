using System.Net;
using System.Text;
using Stripe;
using Verification.Billing.Payments;
using Verification.Billing.Payments.Stripe;
using Verification.Billing.Payments.Webhooks;

namespace Verification.Billing.Tests.Stripe;

/// <summary>
/// The Stripe adapter without Stripe: Stripe's API cannot be reached from here, so its HTTP answers are the documented
/// shapes, served by a handler that records what the real SDK sent. Webhooks are checked by the SDK's EventUtility
/// against a signature computed as Stripe computes it.
/// </summary>
public sealed class StripeAdapterTests
{
    private const string Secret = "whsec_test_secret_for_offline_checks";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_charge_is_a_confirmed_payment_intent_in_minor_units_with_the_idempotency_key_and_the_order_id()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, """{"id":"pi_123","object":"payment_intent","status":"processing","amount":4900,"currency":"usd"}""");
        var orderId = Guid.CreateVersion7();

        var outcome = await Provider(handler).ChargeAsync(new ChargeRequest("order:key-1", orderId, 4900, "USD", "pm_card_visa", "Course"), Cancel);

        Assert.Equal("pi_123", outcome.PaymentId);
        Assert.Equal(HttpMethod.Post, handler.Method);
        Assert.Equal("/v1/payment_intents", handler.Path);
        Assert.Equal("order:key-1", handler.IdempotencyKey);
        var form = handler.Form();
        Assert.Equal("4900", form["amount"]);
        Assert.Equal("usd", form["currency"]);
        Assert.Equal("true", form["confirm"]);
        Assert.Equal("pm_card_visa", form["payment_method"]);
        Assert.Equal(orderId.ToString(), form["metadata[order_id]"]);
        Assert.Equal("never", form["automatic_payment_methods[allow_redirects]"]);
    }

    [Fact]
    public async Task A_card_error_is_a_decline_with_stripes_decline_code_and_a_server_error_is_an_outage()
    {
        var declined = new RecordingHandler(HttpStatusCode.PaymentRequired, """{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}""");
        var failing = new RecordingHandler(HttpStatusCode.InternalServerError, """{"error":{"type":"api_error","message":"Something went wrong."}}""");
        var request = new ChargeRequest("order:key-2", Guid.CreateVersion7(), 4900, "USD", "pm_card_visa_chargeDeclinedInsufficientFunds", "Course");

        var outcome = await Provider(declined).ChargeAsync(request, Cancel);

        Assert.Equal("insufficient_funds", outcome.DeclineCode);
        await Assert.ThrowsAsync<PaymentProviderUnavailableException>(async () => await Provider(failing).ChargeAsync(request, Cancel));
    }

    [Fact]
    public async Task A_refund_names_the_payment_intent_and_the_amount_under_the_idempotency_key()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, """{"id":"re_1","object":"refund","amount":1000,"status":"succeeded"}""");

        var outcome = await Provider(handler).RefundAsync(new RefundRequest("refund:key-3", "pi_123", 1000, "USD"), Cancel);

        Assert.Equal("re_1", outcome.RefundId);
        Assert.Equal("/v1/refunds", handler.Path);
        Assert.Equal("refund:key-3", handler.IdempotencyKey);
        Assert.Equal("pi_123", handler.Form()["payment_intent"]);
        Assert.Equal("1000", handler.Form()["amount"]);
    }

    [Fact]
    public void A_webhook_signed_as_stripe_signs_is_accepted_and_a_tampered_old_or_foreign_one_is_not()
    {
        var json = """{"id":"evt_1","object":"event","api_version":"API","created":NOW,"type":"payment_intent.succeeded","data":{"object":{"id":"pi_123","object":"payment_intent","amount":4900,"currency":"usd","status":"succeeded"}}}"""
            .Replace("API", StripeConfiguration.ApiVersion, StringComparison.Ordinal).Replace("NOW", Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var tolerance = TimeSpan.FromMinutes(5);
        // Stripe's scheme is the local provider's: t=<unix>,v1=HMAC-SHA256(secret, "<t>.<body>").
        var signature = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), json);

        var (accepted, check) = StripeWebhooks.Verify(json, signature, Secret, Now, tolerance);

        Assert.Equal(WebhookCheck.Valid, check);
        Assert.NotNull(accepted);
        Assert.Equal("evt_1", accepted.Id);
        Assert.Equal("pi_123", Assert.IsType<PaymentIntent>(accepted.Data.Object).Id);
        Assert.Equal((null, WebhookCheck.SignatureMismatch), StripeWebhooks.Verify(json.Replace("4900", "1", StringComparison.Ordinal), signature, Secret, Now, tolerance));
        Assert.Equal((null, WebhookCheck.TimestampOutsideTolerance), StripeWebhooks.Verify(json, signature, Secret, Now.AddMinutes(6), tolerance));
        Assert.Equal((null, WebhookCheck.SignatureMismatch), StripeWebhooks.Verify(json, signature, "whsec_another", Now, tolerance));
        Assert.Equal((null, WebhookCheck.SignatureMismatch), StripeWebhooks.Verify(json, null, Secret, Now, tolerance));
        Assert.Equal((null, WebhookCheck.SignatureMismatch), StripeWebhooks.Verify(json, signature, null, Now, tolerance));
    }

    private static StripePaymentProvider Provider(RecordingHandler handler) =>
        new(new StripeClient("sk_test_offline", httpClient: new SystemNetHttpClient(new HttpClient(handler), maxNetworkRetries: 0, enableTelemetry: false)));

    /// <summary>Records the request the SDK built and answers with Stripe's documented JSON.</summary>
    private sealed class RecordingHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        private string _content = "";

        public HttpMethod? Method { get; private set; }

        public string? Path { get; private set; }

        public string? IdempotencyKey { get; private set; }

        public Dictionary<string, string> Form() => _content.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Method = request.Method;
            Path = request.RequestUri?.AbsolutePath;
            IdempotencyKey = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null;
            _content = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
