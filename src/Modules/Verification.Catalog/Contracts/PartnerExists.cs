using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>Whether the partner exists (before an API key is made for it).</summary>
public sealed record PartnerExists(Guid PartnerId) : IQuery<bool>;

/// <summary>The partner a course belongs to; null for an unknown course. Access policies ask it for a partner's key.</summary>
public sealed record GetCoursePartner(Guid CourseId) : IQuery<Guid?>;
