using Mediator;

namespace Verification.Catalog.Contracts;

/// <summary>Whether the partner exists: an API key can only be made for one.</summary>
public sealed record PartnerExists(Guid PartnerId) : IQuery<bool>;
