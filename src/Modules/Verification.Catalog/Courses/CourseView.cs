using Verification.Catalog.Contracts;

namespace Verification.Catalog.Courses;

internal sealed record CourseView(
    Guid CourseId,
    string Slug,
    string Title,
    Guid PartnerId,
    string PartnerName,
    IReadOnlyList<string> Languages,
    int GradedItems,
    DateOnly? StartsOn,
    bool Retired,
    TrackView? CertificateTrack);

internal sealed record TrackView(Guid TrackId, long PriceMinor, string Currency, bool RequiresIdentityVerification, TypingCheckPolicy TypingCheck);
