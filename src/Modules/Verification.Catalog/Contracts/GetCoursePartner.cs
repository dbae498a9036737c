using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>The partner that offers a course, or null for an unknown course. Used to scope partner keys to their own courses.</summary>
public sealed record GetCoursePartner(Guid CourseId) : IQuery<CoursePartner?>;

public sealed record CoursePartner(Guid CourseId, Guid PartnerId, int GradedItems, bool Retired);
