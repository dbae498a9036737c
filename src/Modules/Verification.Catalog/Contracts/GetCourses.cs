using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>What other modules show about courses (reports, program curricula). Unknown ids are left out.</summary>
public sealed record GetCourses(IReadOnlyList<Guid> CourseIds) : IQuery<IReadOnlyList<CourseFacts>>;

public sealed record CourseFacts(Guid CourseId, string Slug, string Title, Guid PartnerId, string PartnerName, DateOnly? StartsOn, int GradedItems, bool Retired);
