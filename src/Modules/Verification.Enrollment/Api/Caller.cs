using System.Security.Claims;
using Verification.BuildingBlocks.Access;

namespace Verification.Enrollment.Api;

/// <summary>
/// Who called, as the Host's schemes put it on the principal: a staff admin (any partner), one partner's key, or an
/// organisation's program administrator (that organisation only).
/// </summary>
internal readonly record struct Caller(bool IsAdmin, Guid? PartnerId, Guid? OrganisationId = null)
{
    public static Caller Of(ClaimsPrincipal user)
    {
        var admin = user.IsInRole(StaffRoles.Admin);
        var partner = Guid.TryParse(user.FindFirst(AccessClaims.PartnerId)?.Value, out var id) ? id : (Guid?)null;
        var organisation = user.IsInRole(StaffRoles.ProgramAdmin) && Guid.TryParse(user.FindFirst(AccessClaims.OrganisationId)?.Value, out var org) ? org : (Guid?)null;
        return new Caller(admin, partner, organisation);
    }

    public bool MayActFor(Guid? partnerId) => IsAdmin || (partnerId is not null && PartnerId == partnerId);

    /// <summary>An admin, the key of the partner managing the organisation, or the organisation's own program administrator.</summary>
    public bool MayAdminister(Guid organisationId, Guid? managingPartnerId) => MayActFor(managingPartnerId) || OrganisationId == organisationId;

    /// <summary>The partner a write is for: the key's own partner, or the one an admin names.</summary>
    public Guid? PartnerFor(Guid? requested) => IsAdmin ? requested : PartnerId is { } own && (requested is null || requested == own) ? own : null;
}
