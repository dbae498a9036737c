using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>
/// What Billing needs to sell a certificate track: its price, currency and the partner it is sold for. Null for an
/// unknown track. Asked by track id, or by the course or specialization that owns the track.
/// </summary>
public sealed record GetCertificateTrackForSale(Guid TrackOrOwnerId) : IQuery<CertificateTrackForSale?>;

public sealed record CertificateTrackForSale(Guid TrackId, Guid PartnerId, Guid? CourseId, Guid? SpecializationId, string Title, long PriceMinor, string Currency, bool Retired);
