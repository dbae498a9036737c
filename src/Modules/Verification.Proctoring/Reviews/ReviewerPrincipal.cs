using System.Security.Claims;
using Verification.BuildingBlocks.Access;

namespace Verification.Proctoring.Reviews;

/// <summary>The signed-in reviewer, as the Host's staff cookie describes them.</summary>
internal static class ReviewerPrincipal
{
    public static Guid IdOf(ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(AccessClaims.StaffId) ?? throw new InvalidOperationException("A staff principal has no id."));

    public static bool IsSenior(ClaimsPrincipal user) => user.IsInRole(StaffRoles.SeniorReviewer);
}
