namespace Verification.Billing.Subscriptions.Renewals;

/// <summary>
/// When a renewal is tried: at the period's end, then 1, 3 and 7 days after it. The tracks stay unlocked (past_due)
/// while retries remain; after the fourth failed attempt the subscription lapses.
/// </summary>
internal static class RenewalSchedule
{
    public static readonly TimeSpan[] RetriesAfterPeriodEnd = [TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7)];

    public static int Attempts => RetriesAfterPeriodEnd.Length + 1;

    /// <summary>The next attempt after <paramref name="failedAttempts"/> failures, or null when the subscription lapses.</summary>
    public static DateTimeOffset? NextAttempt(DateTimeOffset periodEnd, int failedAttempts) =>
        failedAttempts < Attempts ? periodEnd + RetriesAfterPeriodEnd[failedAttempts - 1] : null;
}
