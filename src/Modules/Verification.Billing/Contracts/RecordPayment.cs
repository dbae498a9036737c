using Mediator;

namespace Verification.Billing.Contracts;

/// <summary>Records a paid order for a certificate track. Idempotent on <paramref name="OrderId"/>.</summary>
public sealed record RecordPayment(Guid OrderId, Guid LearnerId, Guid CertificateTrackId, long AmountMinor, string Currency) : ICommand<PaymentRecorded>;

public sealed record PaymentRecorded(Guid OrderId, bool AlreadyExisted);
