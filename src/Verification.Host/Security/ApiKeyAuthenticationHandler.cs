using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Verification.Access.ApiKeys;
using Verification.BuildingBlocks.Access;

namespace Verification.Host.Security;

/// <summary>
/// Partner API keys in the <c>X-Api-Key</c> header. A known, unrevoked key becomes a principal with its partner, its key
/// id and one claim per scope; every presentation of a known key, revoked or not, is recorded by key id.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.FindAsync(values.Count == 1 ? values[0] : null, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        await keys.RecordUseAsync(key, Request.Method, Request.Path.Value ?? "", Context.RequestAborted);
        if (key.Revoked)
        {
            return AuthenticateResult.Fail("Revoked API key.");
        }

        var claims = new List<Claim>
        {
            new(AccessClaims.KeyId, key.KeyId.ToString()),
            new(AccessClaims.PartnerId, key.PartnerId.ToString()),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(AccessClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, AccessClaims.KeyId, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Task.CompletedTask;
    }
}
