namespace Verification.BuildingBlocks.Access;

/// <summary>Staff roles, as <c>ClaimTypes.Role</c> values.</summary>
public static class StaffRoles
{
    public const string Reviewer = "reviewer";
    public const string SeniorReviewer = "senior_reviewer";
    public const string Admin = "admin";
}
