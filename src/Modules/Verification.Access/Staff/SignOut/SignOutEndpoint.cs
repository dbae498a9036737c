using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;

namespace Verification.Access.Staff.SignOut;

internal static class SignOutEndpoint
{
    public static void MapStaffSignOut(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/sign-out", (Func<HttpContext, Task<NoContent>>)SignOutAsync)
            .RequireAuthorization(AccessPolicies.AnyStaff)
            .WithTags("Staff")
            .WithSummary("Signs the staff member out: the cookie is removed.");

    private static async Task<NoContent> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(AccessSchemes.StaffCookie);
        return TypedResults.NoContent();
    }
}
