namespace Verification.Billing.Orders;

/// <summary>An order as the learner sees it: the receipt once paid, and until when a refund may be asked.</summary>
internal sealed record OrderView(
    Guid OrderId,
    Guid CertificateTrackId,
    long AmountMinor,
    string Currency,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    long RefundedMinor,
    string? DeclineCode,
    DateTimeOffset? RefundableUntil,
    string? Receipt);

internal sealed class OrderRow
{
    public const string Columns = """
        id AS Id, learner_id AS LearnerId, partner_id AS PartnerId, certificate_track_id AS CertificateTrackId, amount_minor AS AmountMinor,
        trim(currency) AS Currency, status AS Status, created_at AS CreatedAt, paid_at AS PaidAt, refunded_minor AS RefundedMinor,
        decline_code AS DeclineCode, provider AS Provider, provider_payment_id AS ProviderPaymentId
        """;

    public Guid Id { get; init; }
    public Guid LearnerId { get; init; }
    public Guid? PartnerId { get; init; }
    public Guid CertificateTrackId { get; init; }
    public long AmountMinor { get; init; }
    public string Currency { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public long RefundedMinor { get; init; }
    public string? DeclineCode { get; init; }
    public string? Provider { get; init; }
    public string? ProviderPaymentId { get; init; }

    public OrderView ToView(TimeSpan refundWindow, DateTimeOffset now)
    {
        var until = PaidAt + refundWindow;
        var refundable = Status == "paid" && RefundedMinor < AmountMinor && AmountMinor > 0 && until > now;
        return new(Id, CertificateTrackId, AmountMinor, Currency, Status, CreatedAt, PaidAt, RefundedMinor, DeclineCode,
            refundable ? until : null, PaidAt is null ? null : "R-" + Id.ToString("N")[..12].ToUpperInvariant());
    }
}
