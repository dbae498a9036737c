using Mediator;

namespace Verification.Billing.Contracts;

/// <summary>The certificate decision's question: has this learner paid for this certificate track, right now?</summary>
public sealed record GetTrackEntitlement(Guid LearnerId, Guid CertificateTrackId) : IQuery<TrackEntitlement>;

public sealed record TrackEntitlement(Guid LearnerId, Guid CertificateTrackId, EntitlementState State, EntitlementSource? Source);

public enum EntitlementState
{
    NotPaid,
    Paid,
}

public enum EntitlementSource
{
    Order,
    Subscription,
    FinancialAid,
}

/// <summary>Published through the outbox when a refund, a lapsed subscription or a withdrawn aid takes an entitlement away.</summary>
public sealed record TrackEntitlementWithdrawn(Guid LearnerId, Guid CertificateTrackId, EntitlementWithdrawalReason Reason, DateTimeOffset At) : INotification;

public enum EntitlementWithdrawalReason
{
    Refunded,
    SubscriptionLapsed,
    FinancialAidWithdrawn,
}
