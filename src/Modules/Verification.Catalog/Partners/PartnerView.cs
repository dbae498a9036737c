namespace Verification.Catalog.Partners;

internal sealed record PartnerView(Guid PartnerId, string Name, string? Country, string Slug);
