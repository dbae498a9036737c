namespace Verification.Catalog.Partners;

internal sealed class PartnerRow
{
    public Guid PartnerId { get; init; }
    public string Name { get; init; } = "";
    public string? Country { get; init; }
    public string Slug { get; init; } = "";

    public PartnerView ToView() => new(PartnerId, Name, Country?.Trim(), Slug);
}
