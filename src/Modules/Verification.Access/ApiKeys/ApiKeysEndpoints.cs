using Microsoft.AspNetCore.Routing;
using Verification.Access.ApiKeys.CreateApiKey;
using Verification.Access.ApiKeys.ListApiKeys;
using Verification.Access.ApiKeys.RevokeApiKey;

namespace Verification.Access.ApiKeys;

internal static class ApiKeysEndpoints
{
    public static void MapApiKeys(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCreateApiKey();
        endpoints.MapListApiKeys();
        endpoints.MapRevokeApiKey();
    }
}
