using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>Adds a partner (a university or company offering courses). Idempotent on <paramref name="PartnerId"/>.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Slug">Public identifier; derived from the id when not given.</param>
public sealed record CreatePartner(Guid PartnerId, string Name, string? Country = null, string? Slug = null) : ICommand<PartnerCreated>;

public sealed record PartnerCreated(Guid PartnerId, bool AlreadyExisted);
