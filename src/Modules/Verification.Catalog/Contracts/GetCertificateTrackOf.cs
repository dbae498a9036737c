using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>The verified-certificate track of a course or a specialization, or null when it has none.</summary>
public sealed record GetCertificateTrackOf(Guid CourseOrSpecializationId) : IQuery<CertificateTrackFacts?>;

public sealed record CertificateTrackFacts(
    Guid TrackId,
    Guid? CourseId,
    Guid? SpecializationId,
    long PriceMinor,
    string Currency,
    bool RequiresIdentityVerification,
    TypingCheckPolicy TypingCheck);
