namespace Verification.Catalog.Contracts;

public sealed record CourseSummary(Guid CourseId, string Code, string Title, string PartnerName, Guid CertificateTrackId, long PriceMinor, string Currency);
