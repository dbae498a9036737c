using Mediator;

namespace Verification.Billing.Contracts;

/// <summary>A monthly or yearly plan that unlocks the verified track of each listed course while a subscription to it is active. Idempotent on <paramref name="PlanId"/>.</summary>
public sealed record CreateSubscriptionPlan(Guid PlanId, string Name, PlanInterval Interval, long PriceMinor, string Currency, IReadOnlyList<Guid> CertificateTrackIds) : ICommand<bool>;

public enum PlanInterval
{
    Month,
    Year,
}
