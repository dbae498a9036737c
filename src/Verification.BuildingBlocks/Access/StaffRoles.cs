namespace Verification.BuildingBlocks.Access;

/// <summary>Staff roles, as <c>ClaimTypes.Role</c> values.</summary>
public static class StaffRoles
{
    public const string Reviewer = "reviewer";
    public const string SeniorReviewer = "senior_reviewer";
    public const string Admin = "admin";

    /// <summary>An organisation's program administrator: sees and manages only that organisation's programs (<see cref="AccessClaims.OrganisationId"/>).</summary>
    public const string ProgramAdmin = "program_admin";
}
