using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Verification.Access.Staff;
using Verification.BuildingBlocks.Access;

namespace Verification.Host.Security;

/// <summary>
/// The three authentication schemes (learner JWTs, partner API keys, staff cookies), the policies the modules name,
/// rate limits and forwarded headers. Modules never read credentials; they name <see cref="AccessPolicies"/>.
/// </summary>
internal static class AccessRegistration
{
    public static void AddVerificationAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeySettings>().Bind(configuration.GetSection(ApiKeySettings.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication()
            .AddJwtBearer(AccessSchemes.LearnerToken, _ => { })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AccessSchemes.ApiKey, _ => { })
            .AddCookie(AccessSchemes.StaffCookie, _ => { });
        services.AddOptions<JwtBearerOptions>(AccessSchemes.LearnerToken).Configure<LearnerTokenService>((options, tokens) =>
        {
            options.TokenValidationParameters = tokens.Parameters;
            options.MapInboundClaims = false;
        });
        services.AddOptions<CookieAuthenticationOptions>(AccessSchemes.StaffCookie).Configure<StaffSettings>(StaffCookie.Configure);

        services.AddSingleton<IAuthorizationPolicyProvider, AccessPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PartnerScopeHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessProblemResultHandler>();
        AccessPolicyProvider.AddNamedPolicies(services.AddAuthorizationBuilder());
        services.AddAccessRateLimiting();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Behind a TLS-terminating proxy the request's scheme is https, so the staff cookie is marked Secure.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Access:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
    }

    /// <summary>Forwarded headers first, then authentication, authorization and the rate limiter (which partitions by the authenticated key).</summary>
    public static void UseVerificationAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
    }
}
