using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>Adds a partner (a university or company offering courses). Idempotent on <paramref name="PartnerId"/>.</summary>
public sealed record CreatePartner(Guid PartnerId, string Name) : ICommand<PartnerCreated>;

public sealed record PartnerCreated(Guid PartnerId, bool AlreadyExisted);
