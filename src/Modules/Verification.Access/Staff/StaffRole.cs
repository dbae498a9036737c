using System.Text.Json.Serialization;
using Verification.BuildingBlocks.Access;

namespace Verification.Access.Staff;

/// <summary>The staff roles as an enum, so the API document lists them; values are the <see cref="StaffRoles"/> names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StaffRole>))]
internal enum StaffRole
{
    [JsonStringEnumMemberName(StaffRoles.Reviewer)]
    Reviewer,

    [JsonStringEnumMemberName(StaffRoles.SeniorReviewer)]
    SeniorReviewer,

    [JsonStringEnumMemberName(StaffRoles.Admin)]
    Admin,

    [JsonStringEnumMemberName(StaffRoles.ProgramAdmin)]
    ProgramAdmin,
}

internal static class StaffRoleNames
{
    public static string Of(StaffRole role) => role switch
    {
        StaffRole.Reviewer => StaffRoles.Reviewer,
        StaffRole.SeniorReviewer => StaffRoles.SeniorReviewer,
        StaffRole.ProgramAdmin => StaffRoles.ProgramAdmin,
        _ => StaffRoles.Admin,
    };

    public static StaffRole Parse(string role) => role switch
    {
        StaffRoles.Reviewer => StaffRole.Reviewer,
        StaffRoles.SeniorReviewer => StaffRole.SeniorReviewer,
        StaffRoles.Admin => StaffRole.Admin,
        StaffRoles.ProgramAdmin => StaffRole.ProgramAdmin,
        _ => throw new InvalidOperationException("A staff account holds an unknown role."),
    };
}
