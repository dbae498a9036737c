using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.BuildingBlocks.Access;

namespace Verification.Testing.Access;

/// <summary>
/// TEST ONLY: a header-driven scheme, beside the Host's real API-key and staff-cookie schemes (real keys still work), that puts the claims of
/// <see cref="AccessClaims"/> on the caller and satisfies the policy names of <see cref="AccessPolicies"/> that the
/// catalog and enrollment route groups name. <c>X-Test-Access: admin</c> is a staff admin;
/// <c>X-Test-Access: partner &lt;guid&gt; scope1 scope2</c> is that partner's key with those scopes.
/// Swap for the real schemes at merge: tests then present real keys and staff cookies.
/// </summary>
public static class TestAccess
{
    public const string Scheme = "TestAccess";
    public const string Header = "X-Test-Access";

    public static IServiceCollection AddTestAccess(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Admin, p => p.AddAuthenticationSchemes(Scheme, AccessSchemes.StaffCookie).RequireRole(StaffRoles.Admin));
        foreach (var scope in ApiScopes.All)
        {
            services.AddAuthorizationBuilder().AddPolicy(AccessPolicies.PartnerScope(scope), p => p.AddAuthenticationSchemes(Scheme, AccessSchemes.ApiKey, AccessSchemes.StaffCookie).RequireAssertion(context =>
                context.User.IsInRole(StaffRoles.Admin) ||
                (context.User.HasClaim(AccessClaims.Scope, scope) && context.User.HasClaim(c => c.Type == AccessClaims.PartnerId))));
        }

        return services;
    }


    public static string Admin => "admin";

    public static string Partner(Guid partnerId, params string[] scopes) => $"partner {partnerId} {string.Join(' ', scopes)}".TrimEnd();

    /// <summary>A client whose every request carries <paramref name="access"/>.</summary>
    public static HttpClient With(this HttpClient client, string access)
    {
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, access);
        return client;
    }

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var value = Request.Headers[Header].ToString();
            if (string.IsNullOrEmpty(value))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var claims = new List<Claim>();
            if (parts[0] == "admin")
            {
                claims.Add(new Claim(ClaimTypes.Role, StaffRoles.Admin));
                claims.Add(new Claim(AccessClaims.StaffId, Guid.Empty.ToString()));
            }
            else if (parts[0] == "partner" && parts.Length >= 2 && Guid.TryParse(parts[1], out var partner))
            {
                claims.Add(new Claim(AccessClaims.PartnerId, partner.ToString()));
                claims.AddRange(parts.Skip(2).Select(s => new Claim(AccessClaims.Scope, s)));
            }
            else
            {
                return Task.FromResult(AuthenticateResult.Fail("Unknown test access."));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, TestAccess.Scheme));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, TestAccess.Scheme)));
        }
    }
}
