using Mediator;

namespace Verification.Billing.Contracts;

/// <summary>A learner's billing history for their data export: orders with refunds, subscriptions, aid applications. No card numbers.</summary>
public sealed record GetBillingHistory(Guid LearnerId) : IQuery<BillingHistory>;

public sealed record BillingHistory(IReadOnlyList<BilledOrder> Orders, IReadOnlyList<BilledSubscription> Subscriptions, IReadOnlyList<AidApplicationRecord> AidApplications);

public sealed record BilledOrder(Guid OrderId, Guid CertificateTrackId, long AmountMinor, string Currency, string Status, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, long RefundedMinor);

public sealed record BilledSubscription(Guid SubscriptionId, string PlanName, string Status, long PriceMinor, string Currency, DateTimeOffset CreatedAt, DateTimeOffset? CurrentPeriodEnd, DateTimeOffset? EndedAt);

public sealed record AidApplicationRecord(Guid ApplicationId, Guid CertificateTrackId, string IncomeBracket, string Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);
