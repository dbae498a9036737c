using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>A specialization and its courses in order, or null when unknown.</summary>
public sealed record GetSpecialization(Guid SpecializationId) : IQuery<SpecializationFacts?>;

public sealed record SpecializationFacts(Guid SpecializationId, Guid PartnerId, string PartnerName, string Slug, string Title, bool Retired, IReadOnlyList<Guid> CourseIds);
