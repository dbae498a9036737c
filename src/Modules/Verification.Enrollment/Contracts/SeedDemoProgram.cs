using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>
/// The demo's organisation, program (curriculum of <paramref name="CourseIds"/> and the specialization), contract and
/// members in the given states. Idempotent on <paramref name="ProgramId"/>: a second run changes nothing.
/// </summary>
public sealed record SeedDemoProgram(
    Guid OrganisationId,
    DemoName Organisation,
    Guid ProgramId,
    DemoName Program,
    Guid ContractId,
    IReadOnlyList<Guid> CourseIds,
    Guid? SpecializationId,
    IReadOnlyList<DemoMember> Members) : ICommand<bool>;

/// <summary>A demo organisation's or program's display name and the slug in its addresses.</summary>
public sealed record DemoName(string Name, string Slug);

public sealed record DemoMember(Guid MemberId, string FullName, string Email, DemoMemberState State);

public enum DemoMemberState
{
    Invited,
    Member,
    Deleted,
}
