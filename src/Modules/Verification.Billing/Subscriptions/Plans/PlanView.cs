namespace Verification.Billing.Subscriptions.Plans;

/// <summary>A plan as learners and admins see it: its price per period and the certificate tracks it unlocks.</summary>
internal sealed class PlanView
{
    public const string Select = """
        SELECT id AS PlanId, name AS Name, interval AS Interval, price_minor AS PriceMinor, trim(currency) AS Currency, track_ids AS CertificateTrackIds, created_at AS CreatedAt
        FROM billing.plans
        """;

    public Guid PlanId { get; init; }
    public string Name { get; init; } = "";
    public string Interval { get; init; } = "";
    public long PriceMinor { get; init; }
    public string Currency { get; init; } = "";
    public Guid[] CertificateTrackIds { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}
