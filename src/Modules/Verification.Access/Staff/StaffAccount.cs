namespace Verification.Access.Staff;

/// <summary>A staff account as sign-in reads it; also the user type of <c>PasswordHasher&lt;T&gt;</c>.</summary>
internal sealed class StaffAccount
{
    public Guid Id { get; set; }

    public string DisplayName { get; set; } = "";

    public string Role { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public bool PasswordOneTime { get; set; }

    public int FailedSignIns { get; set; }

    public DateTime? LockedUntil { get; set; }

    public bool Disabled { get; set; }

    /// <summary>The stamp the cookie of this sign-in carries (<see cref="StaffAccounts"/>).</summary>
    public Guid SessionStamp { get; set; }

    /// <summary>The organisation a program administrator is bound to; null for every other role.</summary>
    public Guid? OrganisationId { get; set; }
}
