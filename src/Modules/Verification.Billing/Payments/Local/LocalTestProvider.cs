using System.Collections.Concurrent;
using System.Text.Json;

namespace Verification.Billing.Payments.Local;

/// <summary>
/// A payment service's test mode, in the process: test cards decide the outcome (<see cref="TestCards"/>), an accepted
/// charge is confirmed asynchronously by a signed <c>payment.succeeded</c> webhook to the service's own endpoint, and
/// both calls are idempotent on their key, as Stripe's are. Charges live in memory: it is a test double of a remote
/// service, and after a restart it knows none of its earlier payments (<see cref="PaymentStatus.Unknown"/>).
/// </summary>
internal sealed class LocalTestProvider(LocalWebhookSender webhooks, TimeProvider time) : IPaymentProvider
{
    public const string ProviderName = "local";
    private readonly ConcurrentDictionary<string, ChargeOutcome> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PaymentStatus> _payments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefundOutcome> _refunds = new(StringComparer.Ordinal);
    private int _chargesMade;

    public string Name => ProviderName;

    /// <summary>How many distinct charges were made: what a card statement would show.</summary>
    public int ChargesMade => Volatile.Read(ref _chargesMade);

    public string? PaymentMethodFor(string entered) => TestCards.MethodFor(entered);

    public ValueTask<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        if (request.PaymentMethod == TestCards.ProviderFailureMethod)
        {
            throw new PaymentProviderUnavailableException("The test provider simulated an outage (card 4000000000000119).");
        }

        var outcome = _charges.GetOrAdd(request.IdempotencyKey, _ => Charge(request));
        return ValueTask.FromResult(outcome);
    }

    public ValueTask<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_refunds.GetOrAdd(request.IdempotencyKey, _ => new RefundOutcome("lr_" + Guid.CreateVersion7().ToString("N"))));

    public ValueTask<PaymentStatus> StatusAsync(string paymentId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_payments.TryGetValue(paymentId, out var status) ? status : PaymentStatus.Unknown);

    private ChargeOutcome Charge(ChargeRequest request)
    {
        var decline = request.PaymentMethod switch
        {
            TestCards.SuccessMethod or TestCards.NeverConfirmedMethod => null,
            TestCards.DeclinedMethod => TestCards.DeclinedCode,
            TestCards.InsufficientFundsMethod => TestCards.InsufficientFundsCode,
            _ => TestCards.UnknownCardCode,
        };
        if (decline is not null)
        {
            return new ChargeOutcome(null, decline);
        }

        Interlocked.Increment(ref _chargesMade);
        var paymentId = "lp_" + Guid.CreateVersion7().ToString("N");
        if (request.PaymentMethod == TestCards.NeverConfirmedMethod)
        {
            _payments[paymentId] = PaymentStatus.Failed;
            return new ChargeOutcome(paymentId, null);
        }

        _payments[paymentId] = PaymentStatus.Succeeded;
        var body = JsonSerializer.Serialize(new LocalWebhookEvent(
            "evt_" + Guid.CreateVersion7().ToString("N"), LocalWebhookEvent.PaymentSucceeded, time.GetUtcNow().ToUnixTimeSeconds(),
            new LocalWebhookEvent.Payment(paymentId, request.AmountMinor, request.Currency)));
        webhooks.Enqueue(body);
        return new ChargeOutcome(paymentId, null);
    }
}
