namespace Verification.BuildingBlocks.Access;

/// <summary>What a partner API key may do. A key carries a subset of these and sees only its own partner's data.</summary>
public static class ApiScopes
{
    public const string TokensMint = "tokens:mint";
    public const string IdentityRead = "identity:read";
    public const string LearnersWrite = "learners:write";
    public const string CatalogWrite = "catalog:write";
    public const string ProgramsManage = "programs:manage";
    public const string CertificatesRead = "certificates:read";
    public const string WebhooksManage = "webhooks:manage";

    public static readonly IReadOnlyList<string> All = [TokensMint, IdentityRead, LearnersWrite, CatalogWrite, ProgramsManage, CertificatesRead, WebhooksManage];
}
