using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>The organisation with this id or slug (what an operator types), or null when there is none.</summary>
public sealed record FindOrganisation(string IdOrSlug) : IQuery<OrganisationFound?>;

public sealed record OrganisationFound(Guid OrganisationId, string Name, string Slug);
