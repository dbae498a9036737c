using Verification.Catalog.Contracts;

namespace Verification.Catalog.Tracks;

internal sealed class TrackRow
{
    public Guid TrackId { get; init; }
    public Guid? CourseId { get; init; }
    public Guid? SpecializationId { get; init; }
    public long PriceMinor { get; init; }
    public string Currency { get; init; } = "";
    public bool RequiresIdentityVerification { get; init; }
    public string TypingCheck { get; init; } = "";

    public CertificateTrackFacts ToFacts() =>
        new(TrackId, CourseId, SpecializationId, PriceMinor, Currency.Trim(), RequiresIdentityVerification, TypingChecks.Parse(TypingCheck));
}
