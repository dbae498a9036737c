using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Tokens.IssueDemoToken;
using Verification.Proctoring.Tokens.IssueToken;

namespace Verification.Proctoring.Tokens;

internal static class TokensEndpoints
{
    public static void AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new TokenSettings();
        configuration.GetSection(TokenSettings.SectionName).Bind(settings);
        services.AddSingleton(settings);
        services.AddSingleton<LearnerTokens>();
        services.AddSingleton<ApiKeys>();
    }

    public static void MapTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIssueToken();
        endpoints.MapIssueDemoToken();
    }
}
