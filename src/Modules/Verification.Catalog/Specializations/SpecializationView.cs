namespace Verification.Catalog.Specializations;

internal sealed record SpecializationView(Guid SpecializationId, string Slug, string Title, Guid PartnerId, string PartnerName, IReadOnlyList<SpecializationCourse> Courses);

internal sealed record SpecializationCourse(int Position, Guid CourseId, string Slug, string Title);
