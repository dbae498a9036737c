using Microsoft.AspNetCore.Routing;
using Verification.Access.Tokens.IssueDemoToken;
using Verification.Access.Tokens.IssueToken;

namespace Verification.Access.Tokens;

internal static class TokensEndpoints
{
    public static void MapTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIssueToken();
        endpoints.MapIssueDemoToken();
    }
}
