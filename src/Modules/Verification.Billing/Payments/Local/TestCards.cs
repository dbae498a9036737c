namespace Verification.Billing.Payments.Local;

/// <summary>
/// The local provider's test cards: the same numbers as Stripe's test mode, so integrators recognise them, each
/// turned into the payment-method id Stripe's test mode gives it (<c>pm_card_visa</c>…): only that id is stored.
/// </summary>
internal static class TestCards
{
    public const string Success = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string ProviderFailure = "4000000000000119";

    /// <summary>Accepted, but its confirmation never comes; asked later, the provider reports it failed. Local only.</summary>
    public const string NeverConfirmed = "4000000000000341";

    public const string SuccessMethod = "pm_card_visa";
    public const string DeclinedMethod = "pm_card_visa_chargeDeclined";
    public const string InsufficientFundsMethod = "pm_card_visa_chargeDeclinedInsufficientFunds";
    public const string ProviderFailureMethod = "pm_card_local_providerFailure";
    public const string NeverConfirmedMethod = "pm_card_local_neverConfirmed";
    public const string UnknownMethod = "pm_card_local_unknown";

    public const string DeclinedCode = "card_declined";
    public const string InsufficientFundsCode = "insufficient_funds";
    public const string UnknownCardCode = "card_unknown";

    /// <summary>The payment-method id of a card number (spaces ignored); a number that is no test card gets one that declines, as an unknown card does.</summary>
    public static string MethodFor(string card) => card.Replace(" ", "", StringComparison.Ordinal) switch
    {
        Success or SuccessMethod => SuccessMethod,
        Declined or DeclinedMethod => DeclinedMethod,
        InsufficientFunds or InsufficientFundsMethod => InsufficientFundsMethod,
        ProviderFailure or ProviderFailureMethod => ProviderFailureMethod,
        NeverConfirmed or NeverConfirmedMethod => NeverConfirmedMethod,
        _ => UnknownMethod,
    };
}
