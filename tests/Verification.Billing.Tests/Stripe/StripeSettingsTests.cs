namespace Verification.Billing.Tests.Stripe;

/// <summary>What start-up refuses (BillingModule throws SettingInvalidException with this message before the Host runs).</summary>
public sealed class StripeSettingsTests
{
    [Theory]
    [InlineData("stripe", null, null, "Billing:Stripe:SecretKey")]
    [InlineData("stripe", "pk_live_publishable_key_0123456789", "whsec_0123456789abcdefghij", "Billing:Stripe:SecretKey")]
    [InlineData("stripe", "sk_test_0123456789abcdefghij", null, "Billing:Stripe:WebhookSecret")]
    [InlineData("stripe", "sk_test_0123456789abcdefghij", "not-a-whsec-0123456789abcdef", "Billing:Stripe:WebhookSecret")]
    [InlineData("paypal", null, null, "Billing:Provider")]
    public void An_unusable_provider_setting_is_refused_with_the_setting_it_names(string provider, string? secretKey, string? webhookSecret, string named)
    {
        var settings = new BillingSettings { Provider = provider, Stripe = new StripeSettings { SecretKey = secretKey, WebhookSecret = webhookSecret } };

        Assert.StartsWith(named, settings.Validate(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stripe", "sk_test_0123456789abcdefghij", "whsec_0123456789abcdefghij")]
    [InlineData("stripe", "rk_live_0123456789abcdefghij", "whsec_0123456789abcdefghij")]
    [InlineData("local", null, null)]
    public void A_usable_provider_setting_is_accepted(string provider, string? secretKey, string? webhookSecret)
    {
        var settings = new BillingSettings { Provider = provider, Stripe = new StripeSettings { SecretKey = secretKey, WebhookSecret = webhookSecret } };

        Assert.Null(settings.Validate());
    }
}
