using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Verification.Access.Staff;
using Verification.BuildingBlocks.Access;

namespace Verification.Host.Security;

/// <summary>The staff cookie: HttpOnly, SameSite=Strict, Secure when the request came over TLS, a fixed lifetime, and re-checked against the account on every request.</summary>
internal static class StaffCookie
{
    public const string Name = "verification-staff";

    public static void Configure(CookieAuthenticationOptions options, StaffSettings settings)
    {
        options.Cookie.Name = Name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = settings.CookieLifetime;
        options.SlidingExpiration = false;
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            // A disabled account, a changed role, a sign-out or a password reset ends the cookie at its next request.
            var principal = context.Principal;
            if (!Guid.TryParse(principal?.FindFirstValue(AccessClaims.StaffId), out var staffId)
                || principal.FindFirstValue(ClaimTypes.Role) is not { } role
                || !Guid.TryParse(principal.FindFirstValue(AccessClaims.StaffSessionStamp), out var stamp)
                || !await context.HttpContext.RequestServices.GetRequiredService<StaffAccounts>().IsActiveAsync(staffId, role, stamp, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
            }
        };
    }
}
