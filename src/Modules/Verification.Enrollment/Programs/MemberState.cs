namespace Verification.Enrollment.Programs;

/// <summary>The member states of the administrator guide, spelled as it spells them.</summary>
internal static class MemberState
{
    public const string Invited = "INVITED";
    public const string Member = "MEMBER";
    public const string Deleted = "DELETED_MEMBER";
}
