using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stripe;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Stripe;

/// <summary>
/// The Host with <c>Billing:Provider = stripe</c>. Stripe's servers cannot be reached from here: the real SDK's HTTP
/// calls are answered with Stripe's documented shapes (a PaymentIntent 'processing', a Refund 'succeeded'), and the
/// webhooks are posted by the tests, signed as Stripe signs them.
/// </summary>
public sealed class StripeApp : BillingApp
{
    public const string StripeWebhookSecret = "whsec_offline_tests_0123456789abcdef";

    /// <summary>A PaymentMethod id the fake Stripe does not know: a PaymentIntent with it is refused as Stripe refuses it.</summary>
    public const string UnknownPaymentMethod = "pm_1NoSuchMethod";

    /// <summary>The PaymentIntents the fake Stripe made, by id: their amount.</summary>
    public ConcurrentDictionary<string, long> Intents { get; } = new(StringComparer.Ordinal);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Billing:Provider", "stripe");
        builder.UseSetting("Billing:Stripe:SecretKey", "sk_test_offline_0123456789abcdef");
        builder.UseSetting("Billing:Stripe:WebhookSecret", StripeWebhookSecret);
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IStripeClient>(new StripeClient(
            "sk_test_offline_0123456789abcdef", httpClient: new SystemNetHttpClient(new HttpClient(new OfflineStripe(this)), maxNetworkRetries: 0, enableTelemetry: false))));

    private sealed class OfflineStripe(StripeApp app) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            if (form.Contains("payment_method=" + UnknownPaymentMethod, StringComparison.Ordinal))
            {
                return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent($$$"""
                    {"error":{"type":"invalid_request_error","code":"resource_missing","param":"payment_method","message":"No such PaymentMethod: '{{{UnknownPaymentMethod}}}'"}}
                    """, Encoding.UTF8, "application/json") };
            }

            var amount = form.Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == "amount").Select(p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var body = request.RequestUri?.AbsolutePath switch
            {
                "/v1/payment_intents" => Intent(amount),
                "/v1/refunds" => $$"""{"id":"re_{{Guid.NewGuid():N}}","object":"refund","amount":{{amount}},"status":"succeeded"}""",
                _ => null,
            };
            return body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"error":{"type":"invalid_request_error","message":"No such resource."}}""", Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }

        private string Intent(long amount)
        {
            var id = "pi_" + Guid.NewGuid().ToString("N");
            app.Intents[id] = amount;
            return $$"""{"id":"{{id}}","object":"payment_intent","status":"processing","amount":{{amount}},"currency":"usd"}""";
        }
    }
}
