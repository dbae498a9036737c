namespace Verification.Billing.Subscriptions;

/// <summary>A subscription joined with its plan.</summary>
internal sealed class SubscriptionRow
{
    public const string Select = """
        SELECT s.id AS Id, s.learner_id AS LearnerId, s.plan_id AS PlanId, s.status AS Status, s.payment_method AS PaymentMethod,
               s.current_period_start AS CurrentPeriodStart, s.current_period_end AS CurrentPeriodEnd, s.cancel_at_period_end AS CancelAtPeriodEnd,
               s.failed_attempts AS FailedAttempts, s.next_attempt_at AS NextAttemptAt, p.interval AS Interval, p.price_minor AS PriceMinor,
               trim(p.currency) AS Currency, p.track_ids AS TrackIds, p.name AS PlanName
        FROM billing.subscriptions s JOIN billing.plans p ON p.id = s.plan_id
        """;

    public Guid Id { get; init; }
    public Guid LearnerId { get; init; }
    public Guid PlanId { get; init; }
    public string Status { get; init; } = "";
    public string PaymentMethod { get; init; } = "";
    public DateTimeOffset? CurrentPeriodStart { get; init; }
    public DateTimeOffset? CurrentPeriodEnd { get; init; }
    public bool CancelAtPeriodEnd { get; init; }
    public int FailedAttempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public string Interval { get; init; } = "";
    public long PriceMinor { get; init; }
    public string Currency { get; init; } = "";
    public Guid[] TrackIds { get; init; } = [];
    public string PlanName { get; init; } = "";

    public SubscriptionView ToView() =>
        new(Id, PlanId, PlanName, Interval, PriceMinor, Currency, Status, CurrentPeriodEnd, CancelAtPeriodEnd, FailedAttempts, NextAttemptAt);
}

internal sealed record SubscriptionView(
    Guid SubscriptionId, Guid PlanId, string PlanName, string Interval, long PriceMinor, string Currency, string Status,
    DateTimeOffset? CurrentPeriodEnd, bool CancelAtPeriodEnd, int FailedAttempts, DateTimeOffset? NextAttemptAt);
