using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Stripe;

/// <summary>Orders in a Host whose provider is Stripe, answered offline as Stripe answers (<see cref="StripeApp"/>).</summary>
public sealed class StripeOrderTests(StripeApp app) : IClassFixture<StripeApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_payment_method_stripe_does_not_know_is_declined_card_unknown_and_the_learner_can_pay_with_another()
    {
        var learner = await app.LearnerAsync();

        using var unknown = await learner.OrderAsync(Guid.NewGuid().ToString("N"), StripeApp.UnknownPaymentMethod);
        using var another = await learner.OrderAsync(Guid.NewGuid().ToString("N"), "pm_card_visa");

        Assert.Equal(HttpStatusCode.PaymentRequired, unknown.StatusCode);
        Assert.Equal("card_unknown", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Accepted, another.StatusCode);
        Assert.Equal(EntitlementState.NotPaid, (await learner.EntitlementAsync()).State);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }
}
