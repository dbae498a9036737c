namespace Verification.Billing.Payments.Local;

/// <summary>The local provider's test cards: the same numbers as Stripe's test mode, so integrators recognise them.</summary>
internal static class TestCards
{
    public const string Success = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string ProviderFailure = "4000000000000119";

    public const string DeclinedCode = "card_declined";
    public const string InsufficientFundsCode = "insufficient_funds";
    public const string UnknownCardCode = "card_unknown";
}
