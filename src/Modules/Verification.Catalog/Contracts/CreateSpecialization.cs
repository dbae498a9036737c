using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>Adds a specialization of the partner's courses, in order, with a verified track. Idempotent on <paramref name="SpecializationId"/>.</summary>
public sealed record CreateSpecialization(
    Guid SpecializationId, Guid PartnerId, string Slug, string Title, IReadOnlyList<Guid> CourseIds, Guid TrackId, long PriceMinor, string Currency) : ICommand<bool>;
