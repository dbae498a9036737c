using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Access.Staff.SignIn;

internal static class SignInEndpoint
{
    public sealed record SignInRequest(string? Email, string? Password, string? NewPassword);

    public sealed record SignedIn(Guid StaffId, string DisplayName, StaffRole Role, Guid? OrganisationId);

    public static void MapStaffSignIn(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/sign-in", SignInAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AccessRateLimits.StaffSignIn)
            .WithTags("Staff")
            .WithSummary("Signs a staff member in with a cookie. A one-time password must be replaced: send newPassword (at least 12 characters).")
            .Refuses(StatusCodes.Status400BadRequest, "fields_missing", "password_change_required")
            .Refuses(StatusCodes.Status401Unauthorized, "sign_in_failed");

    private static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> SignInAsync(
        SignInRequest? request, HttpContext http, SignInHandler handler, SignInThrottle throttle, StaffSettings settings, CancellationToken cancellationToken)
    {
        if (request?.Email is not { Length: > 0 and <= 256 } email || request.Password is not { Length: > 0 and <= 1024 } password || request.NewPassword is { Length: > 1024 })
        {
            return AccessProblems.Create(StatusCodes.Status400BadRequest, "fields_missing", "Email and password are needed.", "Send email and password (and newPassword at first sign-in).");
        }

        if (!throttle.TryAcquire(email))
        {
            http.Response.Headers.RetryAfter = "60";
            return AccessProblems.Create(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many sign-in attempts.", "Wait a minute before trying this account again.");
        }

        var (outcome, account) = await handler.HandleAsync(email, password, request.NewPassword, cancellationToken);
        switch (outcome)
        {
            case SignInOutcome.PasswordChangeRequired:
                return AccessProblems.Create(
                    StatusCodes.Status400BadRequest,
                    "password_change_required",
                    "Choose your own password.",
                    $"This was a one-time password: send newPassword with at least {settings.MinimumPasswordLength} characters, different from it.");
            case SignInOutcome.Failed:
                return AccessProblems.Create(
                    StatusCodes.Status401Unauthorized, "sign_in_failed", "Sign-in failed.", "The email or password is wrong, or the account is locked for a while after repeated failures.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(AccessClaims.StaffId, account!.Id.ToString()),
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, account.DisplayName),
                new Claim(ClaimTypes.Role, account.Role),
                new Claim(AccessClaims.StaffSessionStamp, account.SessionStamp.ToString()),
            ],
            AccessSchemes.StaffCookie);
        if (account.OrganisationId is { } organisation)
        {
            identity.AddClaim(new Claim(AccessClaims.OrganisationId, organisation.ToString()));
        }

        // A browser-session cookie whose ticket also expires on the server after Access:Staff:CookieLifetime.
        await http.SignInAsync(AccessSchemes.StaffCookie, new ClaimsPrincipal(identity));
        return TypedResults.Ok(new SignedIn(account.Id, account.DisplayName, StaffRoleNames.Parse(account.Role), account.OrganisationId));
    }
}
