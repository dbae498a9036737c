using Mediator;

namespace Verification.Access.Contracts;

/// <summary>
/// Creates a staff account with a one-time password, shown once in the answer. <paramref name="Role"/> is one of
/// <c>StaffRoles</c>; a <c>program_admin</c> names the organisation it administers (<paramref name="OrganisationId"/>), no other role does.
/// </summary>
public sealed record CreateStaffMember(string Email, string DisplayName, string Role, string Actor, Guid? StaffId = null, Guid? OrganisationId = null) : ICommand<CreateStaffMemberResult>;

/// <summary>
/// <paramref name="Error"/> is a problem code (<c>role_invalid</c>, <c>email_taken</c>, <c>fields_missing</c>,
/// <c>organisation_invalid</c>) when nothing was created.
/// </summary>
public sealed record CreateStaffMemberResult(StaffMemberCreated? Created, string? Error);

public sealed record StaffMemberCreated(Guid StaffId, string Email, string Role, string OneTimePassword, Guid? OrganisationId = null);

/// <summary>Disables an account: its sessions end at their next request. False when there is no such account.</summary>
public sealed record DisableStaffMember(Guid StaffId, string Actor) : ICommand<bool>;

/// <summary>A fresh one-time password for the account with this email (on request only); null when there is none.</summary>
public sealed record IssueStaffPassword(string Email, string Actor) : ICommand<string?>;
