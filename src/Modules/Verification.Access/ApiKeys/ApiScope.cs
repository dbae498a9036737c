using System.Text.Json.Serialization;
using Verification.BuildingBlocks.Access;

namespace Verification.Access.ApiKeys;

/// <summary>The scopes as an enum, so the API document lists them; values are the <see cref="ApiScopes"/> names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiScope>))]
internal enum ApiScope
{
    [JsonStringEnumMemberName(ApiScopes.TokensMint)]
    TokensMint,

    [JsonStringEnumMemberName(ApiScopes.IdentityRead)]
    IdentityRead,

    [JsonStringEnumMemberName(ApiScopes.LearnersWrite)]
    LearnersWrite,

    [JsonStringEnumMemberName(ApiScopes.CatalogWrite)]
    CatalogWrite,

    [JsonStringEnumMemberName(ApiScopes.ProgramsManage)]
    ProgramsManage,

    [JsonStringEnumMemberName(ApiScopes.CertificatesRead)]
    CertificatesRead,

    [JsonStringEnumMemberName(ApiScopes.WebhooksManage)]
    WebhooksManage,
}

internal static class ApiScopeNames
{
    public static string Of(ApiScope scope) => ApiScopes.All[(int)scope];
}
