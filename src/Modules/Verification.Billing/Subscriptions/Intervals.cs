using Verification.Billing.Contracts;

namespace Verification.Billing.Subscriptions;

internal static class Intervals
{
    public static string ToColumn(PlanInterval interval) => interval == PlanInterval.Year ? "year" : "month";

    /// <summary>The end of a period that starts at <paramref name="start"/>: calendar months and years, as card statements count them.</summary>
    public static DateTimeOffset End(string interval, DateTimeOffset start) => interval == "year" ? start.AddYears(1) : start.AddMonths(1);
}
