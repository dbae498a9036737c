using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Access;

namespace Verification.Access.Staff.SignOut;

internal static class SignOutEndpoint
{
    public static void MapStaffSignOut(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/sign-out", (Func<HttpContext, Task<NoContent>>)SignOutAsync)
            .RequireAuthorization(AccessPolicies.AnyStaff)
            .WithTags("Staff")
            .WithSummary("Signs the staff member out: every cookie of the account ends (also a copy, and in other browsers), and this one is removed.");

    private static async Task<NoContent> SignOutAsync(HttpContext http)
    {
        if (Guid.TryParse(http.User.FindFirstValue(AccessClaims.StaffId), out var staffId))
        {
            await http.RequestServices.GetRequiredService<StaffAccounts>().EndSessionsAsync(staffId, http.RequestAborted);
        }

        await http.SignOutAsync(AccessSchemes.StaffCookie);
        return TypedResults.NoContent();
    }
}
