using Microsoft.AspNetCore.Routing;
using Verification.Access.Staff.CreateStaffMember;
using Verification.Access.Staff.DisableStaffMember;
using Verification.Access.Staff.SignIn;
using Verification.Access.Staff.SignOut;

namespace Verification.Access.Staff;

internal static class StaffEndpoints
{
    public static void MapStaff(this IEndpointRouteBuilder staff)
    {
        staff.MapStaffSignIn();
        staff.MapStaffSignOut();
        staff.MapCreateStaffMember();
        staff.MapDisableStaffMember();
    }
}
