namespace Verification.BuildingBlocks.Access;

/// <summary>
/// The authorization policies the Host registers. Modules name them on their route groups
/// (<c>RequireAuthorization(AccessPolicies.Admin)</c>) and never read credentials themselves.
/// </summary>
public static class AccessPolicies
{
    /// <summary>A learner token whose learner is the route's <c>{learnerId}</c>.</summary>
    public const string Learner = "learner";

    /// <summary>Any signed-in staff member (reviewer, senior reviewer or admin).</summary>
    public const string Staff = "staff";

    /// <summary>Any staff cookie at all, an organisation's program administrator included (signing out).</summary>
    public const string AnyStaff = "staff.any";

    /// <summary>
    /// The programs of an organisation: its program administrator (only that organisation's, which the endpoint checks),
    /// a partner key with <c>programs:manage</c>, or a staff admin.
    /// </summary>
    public const string ProgramAdmin = "staff.program-admin";

    public const string Reviewer = "staff.reviewer";

    public const string SeniorReviewer = "staff.senior-reviewer";

    public const string Admin = "staff.admin";

    /// <summary>A partner API key carrying <paramref name="scope"/>; an admin passes too.</summary>
    public static string PartnerScope(string scope) => "partner:" + scope;
}
