namespace Verification.Billing.Payments;

/// <summary>
/// A payment service. A charge is accepted (and confirmed later by a signed webhook) or declined at once; a provider
/// outage throws <see cref="PaymentProviderUnavailableException"/>. Both calls are idempotent on their key, as real providers are.
/// </summary>
internal interface IPaymentProvider
{
    string Name { get; }

    ValueTask<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    ValueTask<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The provider's reusable payment-method id for what the learner entered (a test card number locally, a
    /// <c>pm_…</c> id made by Stripe's own page with Stripe), or null when it is not one. Only this id is stored, never a card number.
    /// </summary>
    string? PaymentMethodFor(string entered);

    /// <summary>Where an accepted payment stands at the provider: asked when its confirming webhook is overdue.</summary>
    ValueTask<PaymentStatus> StatusAsync(string paymentId, CancellationToken cancellationToken);
}

internal enum PaymentStatus
{
    Succeeded,
    Pending,
    Failed,
    Unknown,
}

/// <param name="PaymentMethod">The provider's payment-method id (<see cref="IPaymentProvider.PaymentMethodFor"/>).</param>
internal sealed record ChargeRequest(string IdempotencyKey, Guid OrderId, long AmountMinor, string Currency, string PaymentMethod, string Description);

/// <summary>Accepted: <paramref name="PaymentId"/> is set and a <c>payment.succeeded</c> webhook follows. Declined: <paramref name="DeclineCode"/> says why.</summary>
internal sealed record ChargeOutcome(string? PaymentId, string? DeclineCode)
{
    public bool Accepted => PaymentId is not null;
}

internal sealed record RefundRequest(string IdempotencyKey, string PaymentId, long AmountMinor, string Currency);

internal sealed record RefundOutcome(string RefundId);

internal sealed class PaymentProviderUnavailableException : Exception
{
    public PaymentProviderUnavailableException()
    {
    }

    public PaymentProviderUnavailableException(string message)
        : base(message)
    {
    }

    public PaymentProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
